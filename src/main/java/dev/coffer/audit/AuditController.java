package dev.coffer.audit;

import static dev.coffer.platform.CofferPrincipal.Kind.SESSION;

import dev.coffer.platform.Accepts;
import dev.coffer.platform.Db;
import dev.coffer.platform.Refuses;
import dev.coffer.platform.openapi.ApiTags;
import dev.coffer.platform.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.Nullable;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code GET /api/v1/admin/audit}: the audit log, newest first, by type (role admin). */
@RestController
@Tag(name = ApiTags.ADMIN)
@Accepts(SESSION)
class AuditController {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AuditController(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    record AuditEventView(String id, long seq, String type, @Nullable String actorId, @Nullable String subjectId,
            JsonNode data, Instant createdAt, String hash) {
    }

    @Schema(name = "AuditEventPage")
    record Page(List<AuditEventView> data, @Nullable String nextCursor) {
    }

    private static final String SELECT =
            "SELECT seq, id, type, actor_id, subject_id, data, created_at, hash FROM audit_events ";

    @Operation(operationId = "listAuditEvents", summary = "The audit log, newest first")
    @Refuses(status = 400, codes = {"invalid_cursor", "invalid_parameter"})
    @GetMapping("/api/v1/admin/audit")
    Page list(@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor,
            @RequestParam(required = false) @Pattern(regexp = Paging.TYPE_FILTER) String type) {
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
