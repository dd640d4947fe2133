package dev.coffer.audit;

import static dev.coffer.platform.CofferPrincipal.Kind.SESSION;

import dev.coffer.platform.Accepts;
import dev.coffer.platform.Refuses;
import dev.coffer.platform.openapi.ApiTags;
import dev.coffer.platform.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/admin/audit}: the audit log, newest first, by type (role admin). */
@RestController
@Tag(name = ApiTags.ADMIN)
@Accepts(SESSION)
class AuditController {

    private final AuditTrail trail;

    AuditController(AuditTrail trail) {
        this.trail = trail;
    }

    @Operation(operationId = "listAuditEvents", summary = "The audit log, newest first")
    @Refuses(status = 400, codes = {"invalid_cursor", "invalid_parameter"})
    @GetMapping("/api/v1/admin/audit")
    AuditTrail.Page list(@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor,
            @RequestParam(required = false) @Pattern(regexp = Paging.TYPE_FILTER) String type) {
        return trail.page(limit, cursor, type);
    }
}
