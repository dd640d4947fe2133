package dev.coffer.webhooks.outbox;

import dev.coffer.platform.Db;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the {@code events} outbox and the creation of deliveries. */
@Repository
public class EventRepository {

    private final JdbcClient jdbc;

    EventRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record StoredEvent(long seq, String id, String merchantId, String type, String body, Instant createdAt) {
    }

    long insert(String id, String merchantId, String type, String body, Instant now) {
        return jdbc.sql("""
                        INSERT INTO events (id, merchant_id, type, body, created_at)
                        VALUES (:id, :merchant, :type, :body, :now) RETURNING seq
                        """)
                .param("id", id).param("merchant", merchantId).param("type", type).param("body", body)
                .param("now", Db.at(now))
                .query(Long.class).single();
    }

    /**
     * Creates a pending delivery of an event to an endpoint, with its sequence number: a replay repeats the number
     * of the event's first delivery to this endpoint; anything else takes the endpoint's next number. Taking it
     * locks the endpoint row until commit, so numbers follow commit order and a rollback leaves no gap; callers
     * with several endpoints take them in id order (one lock order everywhere).
     */
    public void insertDelivery(String deliveryId, long eventSeq, String endpointId, boolean replay, Instant now) {
        var original = replay ? jdbc.sql("""
                        SELECT sequence FROM webhook_deliveries
                        WHERE endpoint_id = :endpoint AND event_seq = :seq AND NOT replay
                        """)
                .param("endpoint", endpointId).param("seq", eventSeq).query(Long.class).optional()
                : Optional.<Long>empty();
        long sequence = original.orElseGet(() -> nextSequence(endpointId));
        int inserted = jdbc.sql("""
                        INSERT INTO webhook_deliveries (id, event_seq, endpoint_id, status, next_attempt_at, replay,
                                                        created_at, sequence)
                        VALUES (:id, :seq, :endpoint, 'pending', :now, :replay, :now, :sequence)
                        """)
                .param("id", deliveryId).param("seq", eventSeq).param("endpoint", endpointId)
                .param("replay", replay).param("now", Db.at(now))
                .param("sequence", sequence)
                .update();
        if (inserted != 1) {
            throw new IllegalStateException("delivery not inserted: " + deliveryId);
        }
    }

    private long nextSequence(String endpointId) {
        return jdbc.sql("""
                        UPDATE webhook_endpoints SET last_sequence = last_sequence + 1 WHERE id = :id
                        RETURNING last_sequence
                        """)
                .param("id", endpointId).query(Long.class).single();
    }

    public Optional<StoredEvent> find(String id) {
        return jdbc.sql("SELECT seq, id, merchant_id, type, body, created_at FROM events WHERE id = :id")
                .param("id", id).query(EventRepository::map).optional();
    }

    public Optional<StoredEvent> findBySeq(long seq) {
        return jdbc.sql("SELECT seq, id, merchant_id, type, body, created_at FROM events WHERE seq = :seq")
                .param("seq", seq).query(EventRepository::map).optional();
    }

    static final String PAGE = """
            SELECT seq, id, merchant_id, type, body, created_at FROM events
            WHERE merchant_id = :merchant AND seq < :before ORDER BY seq DESC LIMIT :limit
            """;
    static final String PAGE_OF_TYPE = """
            SELECT seq, id, merchant_id, type, body, created_at FROM events
            WHERE merchant_id = :merchant AND type = :type AND seq < :before ORDER BY seq DESC LIMIT :limit
            """;

    /**
     * A merchant's events, newest first, before a cursor, optionally of one type: each form its own statement, so
     * each is a range scan of its own index that stops at the limit ({@code :type IS NULL OR …} would leave one
     * generic plan that filters a merchant's whole history for a rare type).
     */
    List<StoredEvent> page(String merchantId, String type, long beforeSeq, int limit) {
        var query = type == null ? jdbc.sql(PAGE) : jdbc.sql(PAGE_OF_TYPE).param("type", type);
        return query.param("merchant", merchantId).param("before", beforeSeq).param("limit", limit)
                .query(EventRepository::map).list();
    }

    private static StoredEvent map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new StoredEvent(rs.getLong("seq"), rs.getString("id"), rs.getString("merchant_id"),
                rs.getString("type"), rs.getString("body"), Db.instant(rs, "created_at"));
    }
}
