package dev.coffer.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/**
 * The external-database choice is made when the pool is built (not by a condition fixed at build time by Spring
 * AOT). The embedded choice is exercised by every other test; the jar tests run both through the AOT context.
 */
class DataSourceConfigTest {

    private final DataSourceConfig config = new DataSourceConfig();

    @Test
    void anExternalUrlBypassesTheEmbeddedDatabase() {
        var env = new MockEnvironment().withProperty("coffer.db.url", "jdbc:postgresql://db.internal:5432/coffer")
                .withProperty("coffer.db.user", "coffer").withProperty("coffer.db.password", "s3cret");
        assertThat(EmbeddedDatabaseStarter.usesEmbedded(env)).isFalse();
        try (var pool = config.dataSource(config.embeddedDatabase(env), env)) {
            assertThat(pool.getJdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5432/coffer");
            assertThat(pool.getUsername()).isEqualTo("coffer");
            assertThat(pool.getPassword()).isEqualTo("s3cret");
        }
    }

    @Test
    void credentialsLeftOutAreUnsetSoTheUrlCanCarryThem() {
        var env = new MockEnvironment().withProperty("coffer.db.url", "jdbc:postgresql://db/coffer?user=app");
        try (var pool = config.dataSource(DataSourceConfig.EmbeddedDatabase.NONE, env)) {
            assertThat(pool.getUsername()).isNull();
            assertThat(pool.getPassword()).isNull();
        }
    }

    @Test
    void anExternalDatabaseGetsSocketAndConnectTimeoutsSoAFrozenPrimaryCannotHoldARequestForever() {
        var env = new MockEnvironment().withProperty("coffer.db.url", "jdbc:postgresql://pg1,pg2/coffer");
        try (var pool = config.dataSource(DataSourceConfig.EmbeddedDatabase.NONE, env)) {
            assertThat(pool.getDataSourceProperties()).containsEntry("socketTimeout", "10")
                    .containsEntry("connectTimeout", "3");
        }
        env.withProperty("coffer.db.socket-timeout-seconds", "4")
                .withProperty("coffer.db.connect-timeout-seconds", "1");
        try (var pool = config.dataSource(DataSourceConfig.EmbeddedDatabase.NONE, env)) {
            assertThat(pool.getDataSourceProperties()).containsEntry("socketTimeout", "4")
                    .containsEntry("connectTimeout", "1");
        }
    }

    @Test
    void noUrlMeansEmbedded() {
        assertThat(EmbeddedDatabaseStarter.usesEmbedded(new MockEnvironment())).isTrue();
        assertThat(EmbeddedDatabaseStarter.usesEmbedded(new MockEnvironment().withProperty("coffer.db.url", " ")))
                .isTrue();
    }
}
