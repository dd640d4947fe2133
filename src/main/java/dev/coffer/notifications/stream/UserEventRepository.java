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

    /** Writes an event in the caller's transaction (it becomes visible to readers when that transaction ends). */
    public void insert(String id, String userId, String type, String body, Instant now) {
        jdbc.sql("INSERT INTO user_events (id, user_id, type, body, created_at) VALUES (:id, :user, :type, :body, :now)")
                .param("id", id).param("user", userId).param("type", type).param("body", body)
                .param("now", Db.at(now)).update();
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
