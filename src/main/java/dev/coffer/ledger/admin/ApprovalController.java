package dev.coffer.ledger.admin;

import static dev.coffer.platform.CofferPrincipal.Kind.SESSION;

import dev.coffer.platform.Accepts;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.IdOf;
import dev.coffer.platform.Refuses;
import dev.coffer.platform.openapi.ApiTags;
import dev.coffer.platform.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.Nullable;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Four eyes: the admin deposits and withdrawals waiting for a second admin (role admin, by the security chain). */
@RestController
@Tag(name = ApiTags.ADMIN)
@Accepts(SESSION)
class ApprovalController {

    private final Approvals approvals;

    ApprovalController(Approvals approvals) {
        this.approvals = approvals;
    }

    record ApprovalList(List<ApprovalView> data, @Nullable String nextCursor) {
    }

    @Operation(operationId = "listApprovals", summary = "Admin deposits and withdrawals waiting for (or decided by) a "
            + "second admin, newest first")
    @Refuses(status = 400, codes = "invalid_parameter")
    @GetMapping("/api/v1/admin/approvals")
    ApprovalList list(
            @Parameter(description = "pending, approved, rejected or failed; all when absent")
            @RequestParam(required = false) @Pattern(regexp = "^(pending|approved|rejected|failed)$") String status,
            @RequestParam(required = false) Integer limit) {
        return new ApprovalList(approvals.list(status, Paging.limit(limit)), null);
    }

    @Operation(operationId = "approveApproval",
            summary = "Approve (and post, once) a deposit or withdrawal another admin asked for")
    @Refuses(status = 403, codes = "four_eyes_required")
    @Refuses(status = 404, codes = "not_found")
    @Refuses(status = 409, codes = "approval_not_pending")
    @Refuses(status = 503, codes = "ledger_busy")
    @PostMapping("/api/v1/admin/approvals/{id}/approve")
    ApprovalView approve(@AuthenticationPrincipal CofferPrincipal admin, @PathVariable @IdOf("apr") String id) {
        return approvals.approve(admin.userId(), id);
    }

    @Operation(operationId = "rejectApproval", summary = "Reject a waiting deposit or withdrawal: nothing moves")
    @Refuses(status = 404, codes = "not_found")
    @Refuses(status = 409, codes = "approval_not_pending")
    @PostMapping("/api/v1/admin/approvals/{id}/reject")
    ApprovalView reject(@AuthenticationPrincipal CofferPrincipal admin, @PathVariable @IdOf("apr") String id) {
        return approvals.reject(admin.userId(), id);
    }
}
