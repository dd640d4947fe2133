package dev.coffer.audit;

import dev.coffer.platform.Db;
import dev.coffer.platform.web.Paging;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.Nullable;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reading the audit log, newest first, a page at a time (for the API and the admin's audit page). */
@Component
public class AuditTrail {

    /** One audit event as read back: its place in the chain ({@code seq}, {@code hash}) and what happened. */
    public record AuditEventView(String id, long seq, String type, @Nullable String actorId, @Nullable String subjectId,
            JsonNode data, Instant createdAt, String hash) {
    }

    @Schema(name = "AuditEventPage")
    public record Page(List<AuditEventView> data, @Nullable String nextCursor) {
    }

    private static final String SELECT =
            "SELECT seq, id, type, actor_id, subject_id, data, created_at, hash FROM audit_events ";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AuditTrail(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A page before {@code cursor} (null: the newest), of one {@code type} or all; {@code limit} as for every list. */
    public Page page(@Nullable Integer limit, @Nullable String cursor, @Nullable String type) {
        int size = Paging.limit(limit);
        long before = Paging.beforeSeq(cursor);
        // One statement per form, each a range scan of its own index ((type, seq) or the primary key).
        var query = type == null ? jdbc.sql(SELECT + "WHERE seq < :before ORDER BY seq DESC LIMIT :limit")
                : jdbc.sql(SELECT + "WHERE type = :type AND seq < :before ORDER BY seq DESC LIMIT :limit")
                        .param("type", type);
        var rows = query.param("before", before).param("limit", size + 1)
                .query((rs, n) -> new AuditEventView(rs.getString("id"), rs.getLong("seq"), rs.getString("type"),
                        rs.getString("actor_id"), rs.getString("subject_id"), json.readTree(rs.getString("data")),
                        Db.instant(rs, "created_at"), HexFormat.of().formatHex(rs.getBytes("hash"))))
                .list();
        var page = rows.size() > size ? rows.subList(0, size) : rows;
        return new Page(page, rows.size() > size ? Long.toString(page.getLast().seq()) : null);
    }
}
