package dev.coffer.platform.db;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The embedded PostgreSQL and its connection pool, used unless {@code COFFER_DB_URL} names an external database
 * (then Boot's own DataSource is built from {@code spring.datasource.*}, which points at that URL).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfig.UsesEmbedded.class)
class EmbeddedDatabaseConfig {

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(Environment env) {
        return new EmbeddedDatabase(EmbeddedDatabaseStarter.dataDir(env), EmbeddedDatabaseStarter.port(env));
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedDatabase database) {
        var dataSource = new HikariDataSource();
        // Loopback only: no TLS handshake (and no TLS classes to load) for the embedded database.
        dataSource.setJdbcUrl(database.jdbcUrl() + "&sslmode=disable");
        dataSource.setUsername("postgres");
        return dataSource;
    }

    /** A reference to the shared embedded PostgreSQL; closing it stops PostgreSQL when the last user is gone. */
    static final class EmbeddedDatabase implements AutoCloseable {
        private final Path dataDir;
        private final String jdbcUrl;

        EmbeddedDatabase(Path dataDir, int port) {
            this.dataDir = dataDir;
            this.jdbcUrl = EmbeddedDatabases.acquire(dataDir, port).getJdbcUrl("postgres", "postgres");
        }

        String jdbcUrl() {
            return jdbcUrl;
        }

        @Override
        public void close() {
            EmbeddedDatabases.release(dataDir);
        }
    }

    static final class UsesEmbedded implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return EmbeddedDatabaseStarter.usesEmbedded(context.getEnvironment());
        }
    }
}
