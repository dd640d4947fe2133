package dev.coffer.platform.db;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
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
            failoverTimeouts(env).forEach(dataSource::addDataSourceProperty);
        }
        return dataSource;
    }

    /**
     * pgjdbc's own timeouts for a database across a network, where a primary can die, freeze or be cut off and
     * another take its place (docs/operations.md, "High availability"). Values in the URL win over these.
     *
     * <ul>
     * <li>{@code connectTimeout}: how long a TCP connect may take, for all hosts of a multi-host URL together. A
     * dead host refuses at once; this bounds one whose packets vanish.
     * <li>{@code socketTimeout}: how long any read may wait for the server. Without it (pgjdbc's default is
     * forever) a statement sent to a primary that froze or sits behind a partition never returns: TCP keeps the
     * connection open, and a query-level timeout cannot help because its cancel request goes to the same frozen
     * server. With it, the statement fails, the request gets 503 and Hikari drops the connection. It also bounds
     * the login of a new connection to such a host, so a multi-host URL moves on to the next one. Statements that
     * may run long on purpose lift it ({@link LongStatements}).
     * </ul>
     * Hikari's own settings ({@code spring.datasource.hikari.*}) bound the rest: {@code connection-timeout} is how
     * long a request waits for a connection (and, as the driver's login timeout, how long one may take to open);
     * {@code validation-timeout} how long the check of an idle connection may take.
     */
    static Map<String, String> failoverTimeouts(Environment env) {
        return Map.of(
                "connectTimeout", env.getProperty("coffer.db.connect-timeout-seconds", "3"),
                "socketTimeout", env.getProperty("coffer.db.socket-timeout-seconds", "10"));
    }

    /** Migrations may rebuild an index on a large table: they are exempt from the socket timeout. */
    @Bean
    FlywayConfigurationCustomizer migrationsWithoutSocketTimeout() {
        return configuration -> configuration.dataSource(
                LongStatements.withoutSocketTimeout(configuration.getDataSource()));
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
