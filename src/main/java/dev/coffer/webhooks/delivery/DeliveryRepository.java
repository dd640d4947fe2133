package dev.coffer.webhooks.delivery;

import dev.coffer.platform.Db;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Claiming due deliveries (cluster-safe) and recording their attempts. */
@Repository
class DeliveryRepository {

    private final JdbcClient jdbc;

    DeliveryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Claim(String id, long eventSeq, String endpointId, long sequence, int attempts, Instant createdAt,
            Instant lease) {
    }

    /**
     * Claims up to {@code limit} due deliveries, oldest event first, by setting a lease: {@code SKIP LOCKED} gives
     * each to exactly one worker on one node; a worker that dies lets its lease run out, and another takes over.
     */
    List<Claim> claim(Instant now, Instant leaseEnd, int limit) {
        return jdbc.sql("""
                        WITH due AS (
                            SELECT id FROM webhook_deliveries
                            WHERE status = 'pending' AND next_attempt_at <= :now
                              AND (locked_until IS NULL OR locked_until < :now)
                            ORDER BY event_seq LIMIT :limit FOR UPDATE SKIP LOCKED)
                        UPDATE webhook_deliveries d SET locked_until = :lease FROM due WHERE d.id = due.id
                        RETURNING d.id, d.event_seq, d.endpoint_id, d.sequence, d.attempts, d.created_at
                        """)
                .param("now", Db.at(now)).param("lease", Db.at(leaseEnd)).param("limit", limit)
                .query((rs, n) -> new Claim(rs.getString("id"), rs.getLong("event_seq"), rs.getString("endpoint_id"),
                        rs.getLong("sequence"), rs.getInt("attempts"), Db.instant(rs, "created_at"), leaseEnd))
                .list();
    }

    /** Gives a claim back untouched (the endpoint had enough in flight already). */
    void release(Claim claim) {
        jdbc.sql("UPDATE webhook_deliveries SET locked_until = NULL WHERE id = :id AND locked_until = :lease")
                .param("id", claim.id()).param("lease", Db.at(claim.lease())).update();
    }

    /** Records one attempt and the delivery's new state, only if our lease still holds. */
    boolean record(Claim claim, Attempt attempt, String status, Instant nextAttemptAt, Instant now) {
        int updated = jdbc.sql("""
                        UPDATE webhook_deliveries
                        SET attempts = attempts + 1, status = :status, next_attempt_at = :next, locked_until = NULL,
                            last_status_code = :code, last_error = :error,
                            finished_at = CASE WHEN :status = 'pending' THEN NULL ELSE :now END
                        WHERE id = :id AND locked_until = :lease
                        """)
                .param("status", status).param("next", Db.at(nextAttemptAt)).param("code", attempt.statusCode())
                .param("error", attempt.error()).param("now", Db.at(now)).param("id", claim.id())
                .param("lease", Db.at(claim.lease()))
                .update();
        if (updated == 1) {
            jdbc.sql("""
                            INSERT INTO webhook_attempts (delivery_id, attempt_no, started_at, duration_ms, status_code, error)
                            VALUES (:id, :no, :started, :duration, :code, :error)
                            """)
                    .param("id", claim.id()).param("no", claim.attempts() + 1).param("started", Db.at(attempt.startedAt()))
                    .param("duration", (int) Math.min(Integer.MAX_VALUE, attempt.durationMillis()))
                    .param("code", attempt.statusCode()).param("error", attempt.error())
                    .update();
        }
        return updated == 1;
    }

    long pendingCount() {
        return jdbc.sql("SELECT count(*) FROM webhook_deliveries WHERE status = 'pending'").query(Long.class).single();
    }

    /** The outcome of one POST: a status code, or an error when no answer came. */
    record Attempt(Instant startedAt, long durationMillis, Integer statusCode, String error) {
        boolean succeeded() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }
}
