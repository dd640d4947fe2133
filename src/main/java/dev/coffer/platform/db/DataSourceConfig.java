package dev.coffer.platform.db;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The connection pool: to the embedded PostgreSQL, or to the external database named by {@code COFFER_DB_URL}.
 *
 * <p>Decided when the beans are created, not by a {@code @Conditional}: the jar is built with Spring AOT, which
 * fixes the set of bean definitions at build time, and the same jar must serve both choices. Pool settings
 * ({@code spring.datasource.hikari.*}) apply either way.
 */
@Configuration(proxyBeanMethods = false)
class DataSourceConfig {

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(Environment env) {
        return EmbeddedDatabaseStarter.usesEmbedded(env)
                ? new EmbeddedDatabase(EmbeddedDatabaseStarter.dataDir(env), EmbeddedDatabaseStarter.port(env))
                : EmbeddedDatabase.NONE;
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedDatabase embedded, Environment env) {
        var dataSource = new HikariDataSource();
        if (embedded.isRunning()) {
            // Loopback only: no TLS handshake (and no TLS classes to load) for the embedded database.
            dataSource.setJdbcUrl(embedded.jdbcUrl() + "&sslmode=disable");
            dataSource.setUsername("postgres");
        } else {
            dataSource.setJdbcUrl(env.getRequiredProperty("coffer.db.url"));
            // Unset rather than empty: the driver then takes them from the URL (…?user=…) or its defaults.
            var user = env.getProperty("coffer.db.user", "");
            var password = env.getProperty("coffer.db.password", "");
            dataSource.setUsername(user.isBlank() ? null : user);
            dataSource.setPassword(password.isEmpty() ? null : password);
        }
        return dataSource;
    }

    /**
     * A reference to the shared embedded PostgreSQL ({@link #NONE} when an external database is used); closing it
     * stops PostgreSQL when the last user is gone.
     */
    static final class EmbeddedDatabase implements AutoCloseable {
        static final EmbeddedDatabase NONE = new EmbeddedDatabase();

        private final Path dataDir;
        private final String jdbcUrl;

        EmbeddedDatabase(Path dataDir, int port) {
            this.dataDir = dataDir;
            this.jdbcUrl = EmbeddedDatabases.acquire(dataDir, port).getJdbcUrl("postgres", "postgres");
        }

        private EmbeddedDatabase() {
            this.dataDir = null;
            this.jdbcUrl = null;
        }

        boolean isRunning() {
            return dataDir != null;
        }

        String jdbcUrl() {
            return jdbcUrl;
        }

        @Override
        public void close() {
            if (isRunning()) {
                EmbeddedDatabases.release(dataDir);
            }
        }
    }
}
