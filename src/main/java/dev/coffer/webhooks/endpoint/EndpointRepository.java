package dev.coffer.webhooks.endpoint;

import dev.coffer.platform.Db;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code webhook_endpoints}. */
@Repository
public class EndpointRepository {

    private static final String COLUMNS = """
            id, merchant_id, url, events, secret, previous_secret, previous_secret_expires_at, enabled, created_at""";

    private final JdbcClient jdbc;

    EndpointRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Endpoint e) {
        jdbc.sql("""
                        INSERT INTO webhook_endpoints (id, merchant_id, url, events, secret, enabled, created_at)
                        VALUES (:id, :merchant, :url, :events::text[], :secret, true, :now)
                        """)
                .param("id", e.id()).param("merchant", e.merchantId()).param("url", e.url())
                .param("events", e.events().toArray(String[]::new)).param("secret", e.secret())
                .param("now", Db.at(e.createdAt()))
                .update();
    }

    public Optional<Endpoint> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM webhook_endpoints WHERE id = :id AND deleted_at IS NULL")
                .param("id", id).query(EndpointRepository::map).optional();
    }

    List<Endpoint> findByMerchant(String merchantId) {
        return jdbc.sql("""
                        SELECT %s FROM webhook_endpoints WHERE merchant_id = :merchant AND deleted_at IS NULL
                        ORDER BY created_at, id LIMIT 100
                        """.formatted(COLUMNS))
                .param("merchant", merchantId).query(EndpointRepository::map).list();
    }

    /** The enabled endpoints of a merchant subscribed to an event type: where a new event must be delivered. */
    public List<String> subscribed(String merchantId, String type) {
        return jdbc.sql("""
                        SELECT id FROM webhook_endpoints
                        WHERE merchant_id = :merchant AND enabled AND deleted_at IS NULL AND :type = ANY(events)
                        """)
                .param("merchant", merchantId).param("type", type).query(String.class).list();
    }

    void update(String id, String url, List<String> events, boolean enabled) {
        jdbc.sql("UPDATE webhook_endpoints SET url = :url, events = :events::text[], enabled = :enabled WHERE id = :id")
                .param("url", url).param("events", events.toArray(String[]::new)).param("enabled", enabled)
                .param("id", id).update();
    }

    void rotate(String id, String newSecret, Instant oldValidUntil) {
        jdbc.sql("""
                        UPDATE webhook_endpoints SET previous_secret = secret, previous_secret_expires_at = :until,
                                                     secret = :secret
                        WHERE id = :id
                        """)
                .param("until", Db.at(oldValidUntil)).param("secret", newSecret).param("id", id).update();
    }

    void delete(String id, Instant now) {
        jdbc.sql("UPDATE webhook_endpoints SET deleted_at = :now, enabled = false WHERE id = :id")
                .param("now", Db.at(now)).param("id", id).update();
    }

    private static Endpoint map(ResultSet rs, int row) throws SQLException {
        return new Endpoint(rs.getString("id"), rs.getString("merchant_id"), rs.getString("url"),
                Arrays.asList((String[]) rs.getArray("events").getArray()), rs.getString("secret"),
                rs.getString("previous_secret"), Db.instant(rs, "previous_secret_expires_at"),
                rs.getBoolean("enabled"), Db.instant(rs, "created_at"));
    }
}
