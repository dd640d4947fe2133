package dev.coffer.webhooks.endpoint;

import dev.coffer.platform.Db;
import dev.coffer.platform.crypto.SecretBox;
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
    private final SecretBox secrets;

    EndpointRepository(JdbcClient jdbc, SecretBox secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    /** What an endpoint's signing secrets (current and previous) are sealed to. */
    static String secretBinding(String endpointId) {
        return "webhook-secret:" + endpointId;
    }

    void insert(Endpoint e) {
        jdbc.sql("""
                        INSERT INTO webhook_endpoints (id, merchant_id, url, events, secret, enabled, created_at)
                        VALUES (:id, :merchant, :url, :events::text[], :secret, true, :now)
                        """)
                .param("id", e.id()).param("merchant", e.merchantId()).param("url", e.url())
                .param("events", e.events().toArray(String[]::new))
                .param("secret", secrets.seal(e.secret(), secretBinding(e.id())))
                .param("now", Db.at(e.createdAt()))
                .update();
    }

    public Optional<Endpoint> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM webhook_endpoints WHERE id = :id AND deleted_at IS NULL")
                .param("id", id).query(this::map).optional();
    }

    List<Endpoint> findByMerchant(String merchantId) {
        return jdbc.sql("""
                        SELECT %s FROM webhook_endpoints WHERE merchant_id = :merchant AND deleted_at IS NULL
                        ORDER BY created_at, id LIMIT 100
                        """.formatted(COLUMNS))
                .param("merchant", merchantId).query(this::map).list();
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
                .param("until", Db.at(oldValidUntil)).param("secret", secrets.seal(newSecret, secretBinding(id)))
                .param("id", id).update();
    }

    void delete(String id, Instant now) {
        jdbc.sql("UPDATE webhook_endpoints SET deleted_at = :now, enabled = false WHERE id = :id")
                .param("now", Db.at(now)).param("id", id).update();
    }

    private Endpoint map(ResultSet rs, int row) throws SQLException {
        var binding = secretBinding(rs.getString("id"));
        return new Endpoint(rs.getString("id"), rs.getString("merchant_id"), rs.getString("url"),
                Arrays.asList((String[]) rs.getArray("events").getArray()), open(rs.getString("secret"), binding),
                open(rs.getString("previous_secret"), binding), Db.instant(rs, "previous_secret_expires_at"),
                rs.getBoolean("enabled"), Db.instant(rs, "created_at"));
    }

    /** Rows from before sealing existed hold the secret in clear until the start-up sealing rewrote them. */
    private String open(String value, String binding) {
        return SecretBox.isSealed(value) ? secrets.open(value, binding) : value;
    }
}
