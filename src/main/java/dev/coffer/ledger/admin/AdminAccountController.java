package dev.coffer.ledger.admin;

import static dev.coffer.platform.CofferPrincipal.Kind.SESSION;

import dev.coffer.ledger.AccountStatus;
import dev.coffer.ledger.AccountView;
import dev.coffer.ledger.account.AccountService;
import dev.coffer.ledger.transfer.TransferService;
import dev.coffer.ledger.transfer.TransferView;
import dev.coffer.platform.Accepts;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.IdOf;
import dev.coffer.platform.Money;
import dev.coffer.platform.Refuses;
import dev.coffer.platform.idempotency.IdempotencyKey;
import dev.coffer.platform.idempotency.IdempotentExecutor;
import dev.coffer.platform.openapi.ApiTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** Admin money operations (role admin, enforced by the security chain for /api/v1/admin/**). */
@RestController
@Tag(name = ApiTags.ADMIN)
@Accepts(SESSION)
class AdminAccountController {

    private final TransferService transfers;
    private final AccountService accounts;
    private final Approvals approvals;
    private final IdempotentExecutor idempotent;
    private final JsonMapper json;

    AdminAccountController(TransferService transfers, AccountService accounts, Approvals approvals,
            IdempotentExecutor idempotent, JsonMapper json) {
        this.transfers = transfers;
        this.accounts = accounts;
        this.approvals = approvals;
        this.idempotent = idempotent;
        this.json = json;
    }

    record CashRequest(
            @NotNull @Positive @Max(Money.MAX_AMOUNT_MINOR) Long amount,
            @Size(max = 200)
            String reference) {
    }

    @Operation(operationId = "deposit", summary = "Deposit: money enters from the currency's settlement account")
    @ApiResponse(responseCode = "201", description = "The deposit, posted",
            content = @Content(schema = @Schema(implementation = TransferView.class)))
    @ApiResponse(responseCode = "202", description = "At or above coffer.admin.approval-threshold: waiting for a "
            + "second admin (four eyes); nothing moved yet",
            content = @Content(schema = @Schema(implementation = ApprovalView.class)))
    @Refuses(status = 422, codes = {"account_frozen", "balance_limit_exceeded"})
    @Refuses(status = 503, codes = "ledger_busy")
    @PostMapping("/api/v1/admin/accounts/{id}/deposits")
    ResponseEntity<String> deposit(@AuthenticationPrincipal CofferPrincipal admin, @PathVariable @IdOf("acc") String id,
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey,
            @Valid @RequestBody CashRequest body, HttpServletRequest request) {
        var key = key(admin, idempotencyKey, request, body);
        if (approvals.needsApproval(body.amount())) {
            return pending(admin, Approvals.DEPOSIT, id, body, key);
        }
        return IdempotentExecutor.toResponse(transfers.deposit(admin.userId(), id, body.amount(), body.reference(),
                key));
    }

    @Operation(operationId = "withdraw", summary = "Withdrawal: money leaves to the currency's settlement account")
    @ApiResponse(responseCode = "201", description = "The withdrawal, posted",
            content = @Content(schema = @Schema(implementation = TransferView.class)))
    @ApiResponse(responseCode = "202", description = "At or above coffer.admin.approval-threshold: waiting for a "
            + "second admin (four eyes); nothing moved yet",
            content = @Content(schema = @Schema(implementation = ApprovalView.class)))
    @Refuses(status = 422, codes = {"insufficient_funds", "account_frozen", "balance_limit_exceeded"})
    @Refuses(status = 503, codes = "ledger_busy")
    @PostMapping("/api/v1/admin/accounts/{id}/withdrawals")
    ResponseEntity<String> withdraw(@AuthenticationPrincipal CofferPrincipal admin,
            @PathVariable @IdOf("acc") String id,
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey,
            @Valid @RequestBody CashRequest body, HttpServletRequest request) {
        var key = key(admin, idempotencyKey, request, body);
        if (approvals.needsApproval(body.amount())) {
            return pending(admin, Approvals.WITHDRAWAL, id, body, key);
        }
        return IdempotentExecutor.toResponse(transfers.withdraw(admin.userId(), id, body.amount(), body.reference(),
                key));
    }

    @Operation(operationId = "freezeAccount", summary = "Freeze an account: it can neither send nor receive")
    @PostMapping("/api/v1/admin/accounts/{id}/freeze")
    AccountView freeze(@AuthenticationPrincipal CofferPrincipal admin, @PathVariable @IdOf("acc") String id) {
        return accounts.setStatus(admin.userId(), id, AccountStatus.FROZEN).view();
    }

    @Operation(operationId = "unfreezeAccount", summary = "Unfreeze an account")
    @PostMapping("/api/v1/admin/accounts/{id}/unfreeze")
    AccountView unfreeze(@AuthenticationPrincipal CofferPrincipal admin, @PathVariable @IdOf("acc") String id) {
        return accounts.setStatus(admin.userId(), id, AccountStatus.ACTIVE).view();
    }

    /** Four eyes: recorded under the request's idempotency key, so a retried request names the same approval. */
    private ResponseEntity<String> pending(CofferPrincipal admin, String kind, String accountId, CashRequest body,
            IdempotencyKey key) {
        return IdempotentExecutor.toResponse(idempotent.execute(key, () -> new IdempotentExecutor.Success(
                HttpStatus.ACCEPTED, approvals.request(admin.userId(), kind, accountId, body.amount(),
                        body.reference()))));
    }

    private IdempotencyKey key(CofferPrincipal admin, String header, HttpServletRequest request, CashRequest body) {
        return IdempotencyKey.of(admin.userId(), header, "POST", request.getRequestURI(), json.writeValueAsString(body));
    }
}
