package dev.coffer.notifications.stream;

import dev.coffer.platform.Db;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for {@code user_events}. Reads return only rows whose transaction has ended ({@code xid} below the oldest
 * running transaction, {@code pg_snapshot_xmin}), in (xid, seq) order, each an index range scan up to a limit.
 */
@Repository
public class UserEventRepository {

    private static final String COLUMNS = "xid::text::bigint AS xid, seq, id, user_id, type, body, created_at";

    private final JdbcClient jdbc;

    UserEventRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One stored event, as streams send it. */
    public record UserEvent(EventCursor cursor, String id, String userId, String type, String body,
            Instant createdAt) {
    }

    /** An event to write. */
    public record NewEvent(String id, String userId, String type, String body) {
    }

    /** Writes an event in the caller's transaction (it becomes visible to readers when that transaction ends). */
    public void insert(String id, String userId, String type, String body, Instant now) {
        insertAll(List.of(new NewEvent(id, userId, type, body)), now);
    }

    /** Writes events in one statement (a ledger batch writes several per transfer: one round trip for all). */
    public void insertAll(List<NewEvent> batch, Instant now) {
        if (batch.isEmpty()) {
            return;
        }
        int inserted = jdbc.sql("""
                        INSERT INTO user_events (id, user_id, type, body, created_at)
                        SELECT id, user_id, type, body, :now
                        FROM unnest(:ids::text[], :users::text[], :types::text[], :bodies::text[])
                             AS e(id, user_id, type, body)
                        """)
                .param("ids", batch.stream().map(NewEvent::id).toArray(String[]::new))
                .param("users", batch.stream().map(NewEvent::userId).toArray(String[]::new))
                .param("types", batch.stream().map(NewEvent::type).toArray(String[]::new))
                .param("bodies", batch.stream().map(NewEvent::body).toArray(String[]::new))
                .param("now", Db.at(now))
                .update();
        if (inserted != batch.size()) {
            throw new IllegalStateException("user events written: " + inserted + " of " + batch.size());
        }
    }

    /** Every user's settled events after {@code cursor}: what a node fans out to its open streams. */
    List<UserEvent> after(EventCursor cursor, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM user_events
                        WHERE (xid, seq) > (:xid::text::xid8, :seq) AND xid < pg_snapshot_xmin(pg_current_snapshot())
                        ORDER BY xid, seq LIMIT :limit
                        """)
                .param("xid", cursor.xid()).param("seq", cursor.seq()).param("limit", limit)
                .query(UserEventRepository::map).list();
    }

    /** One user's settled events after {@code cursor}: a stream resuming from its {@code Last-Event-ID}. */
    List<UserEvent> afterForUser(String userId, EventCursor cursor, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM user_events
                        WHERE user_id = :user AND (xid, seq) > (:xid::text::xid8, :seq)
                          AND xid < pg_snapshot_xmin(pg_current_snapshot())
                        ORDER BY xid, seq LIMIT :limit
                        """)
                .param("user", userId).param("xid", cursor.xid()).param("seq", cursor.seq()).param("limit", limit)
                .query(UserEventRepository::map).list();
    }

    /** Where a node starts fanning out: after the newest settled event (older ones go to resuming streams only). */
    EventCursor head() {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM user_events WHERE xid < pg_snapshot_xmin(pg_current_snapshot())
                        ORDER BY xid DESC, seq DESC LIMIT 1
                        """)
                .query(UserEventRepository::map).optional().map(UserEvent::cursor).orElse(EventCursor.START);
    }

    private static UserEvent map(ResultSet rs, int row) throws SQLException {
        return new UserEvent(new EventCursor(rs.getLong("xid"), rs.getLong("seq")), rs.getString("id"),
                rs.getString("user_id"), rs.getString("type"), rs.getString("body"), Db.instant(rs, "created_at"));
    }
}
