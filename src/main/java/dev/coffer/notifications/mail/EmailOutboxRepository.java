package dev.coffer.notifications.mail;

import dev.coffer.platform.Db;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code email_outbox} and {@code email_preferences}. */
@Repository
class EmailOutboxRepository {

    private final JdbcClient jdbc;

    EmailOutboxRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(QueuedEmail email) {
        jdbc.sql("""
                        INSERT INTO email_outbox (id, user_id, kind, to_address, subject, body_html, body_text, status,
                                                  next_attempt_at, created_at)
                        VALUES (:id, :user, :kind, :to, :subject, :html, :text, 'pending', :now, :now)
                        """)
                .param("id", email.id()).param("user", email.userId()).param("kind", email.kind().wireName())
                .param("to", email.toAddress()).param("subject", email.subject()).param("html", email.bodyHtml())
                .param("text", email.bodyText()).param("now", Db.at(email.createdAt()))
                .update();
    }

    /** Claims due mails with a lease: each to exactly one node; a node that dies lets the lease run out. */
    List<QueuedEmail> claim(Instant now, Instant leaseEnd, int limit) {
        return jdbc.sql("""
                        WITH due AS (
                            SELECT id FROM email_outbox
                            WHERE status = 'pending' AND next_attempt_at <= :now
                              AND (locked_until IS NULL OR locked_until < :now)
                            ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                        UPDATE email_outbox m SET locked_until = :lease FROM due WHERE m.id = due.id
                        RETURNING m.id, m.user_id, m.kind, m.to_address, m.subject, m.body_html, m.body_text,
                                  m.attempts, m.created_at
                        """)
                .param("now", Db.at(now)).param("lease", Db.at(leaseEnd)).param("limit", limit)
                .query((rs, n) -> new QueuedEmail(rs.getString("id"), rs.getString("user_id"),
                        EmailKind.parse(rs.getString("kind")).orElseThrow(), rs.getString("to_address"),
                        rs.getString("subject"), rs.getString("body_html"), rs.getString("body_text"),
                        rs.getInt("attempts"), Db.instant(rs, "created_at"), leaseEnd))
                .list();
    }

    /** Records the attempt, only if this node's lease still holds. */
    boolean record(QueuedEmail email, String status, Instant nextAttemptAt, String error, Instant now) {
        return jdbc.sql("""
                        UPDATE email_outbox SET status = :status, attempts = attempts + 1, next_attempt_at = :next,
                               locked_until = NULL, last_error = :error,
                               sent_at = CASE WHEN :status = 'sent' THEN :now END
                        WHERE id = :id AND locked_until = :lease
                        """)
                .param("status", status).param("next", Db.at(nextAttemptAt)).param("error", error)
                .param("now", Db.at(now)).param("id", email.id()).param("lease", Db.at(email.lease()))
                .update() == 1;
    }

    /** The kinds a user turned off. */
    Map<EmailKind, Boolean> preferences(String userId) {
        return jdbc.sql("SELECT kind, enabled FROM email_preferences WHERE user_id = :user")
                .param("user", userId)
                .query((rs, n) -> Map.entry(EmailKind.parse(rs.getString("kind")).orElseThrow(),
                        rs.getBoolean("enabled")))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    void setPreference(String userId, EmailKind kind, boolean enabled) {
        jdbc.sql("""
                        INSERT INTO email_preferences (user_id, kind, enabled) VALUES (:user, :kind, :enabled)
                        ON CONFLICT (user_id, kind) DO UPDATE SET enabled = :enabled
                        """)
                .param("user", userId).param("kind", kind.wireName()).param("enabled", enabled).update();
    }
}
