package dev.coffer.ledger.transfer;

import static dev.coffer.platform.CofferPrincipal.Kind.SESSION;

import dev.coffer.ledger.StepUpRule;
import dev.coffer.platform.Accepts;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.IdOf;
import dev.coffer.platform.Money;
import dev.coffer.platform.Refuses;
import dev.coffer.platform.idempotency.IdempotencyKey;
import dev.coffer.platform.idempotency.IdempotentExecutor;
import dev.coffer.platform.openapi.ApiTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /api/v1/transfers} (idempotent) and {@code GET /api/v1/transfers/{id}}. */
@RestController
@Tag(name = ApiTags.TRANSFERS)
@Accepts(SESSION)
class TransferController {

    private final TransferService transfers;
    private final TransferRepository repository;
    private final JsonMapper json;

    TransferController(TransferService transfers, TransferRepository repository, JsonMapper json) {
        this.transfers = transfers;
        this.repository = repository;
        this.json = json;
    }

    record TransferRequest(
            @NotNull @IdOf("acc") String fromAccountId,
            @NotNull @IdOf("acc") String toAccountId,
            @NotNull @Positive @Max(Money.MAX_AMOUNT_MINOR) Long amount,
            @NotNull @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO 4217 code such as EUR") String currency,
            @Size(max = 500)
            String description) {
    }

    @Operation(operationId = "createTransfer",
            summary = "Move money from one of the caller's accounts to another account")
    @ApiResponse(responseCode = "201", description = "The transfer, posted",
            content = @Content(schema = @Schema(implementation = TransferView.class)))
    @Refuses(status = 403, codes = {"step_up_required", "second_factor_required", "challenge_mismatch",
            "challenge_not_verified"})
    @Refuses(status = 404, codes = "not_found")
    @Refuses(status = 422, codes = {"insufficient_funds", "currency_mismatch", "same_account", "account_frozen",
            "balance_limit_exceeded", "limit_exceeded"})
    @Refuses(status = 503, codes = "ledger_busy")
    @PostMapping("/api/v1/transfers")
    ResponseEntity<String> create(@AuthenticationPrincipal CofferPrincipal principal,
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey,
            @Parameter(description = "A verified step-up challenge, when the first try answered step_up_required")
            @RequestHeader(name = StepUpRule.HEADER, required = false) String challengeId,
            @Valid @RequestBody TransferRequest body, HttpServletRequest request) {
        var key = IdempotencyKey.of(principal.userId(), idempotencyKey, "POST", request.getRequestURI(),
                json.writeValueAsString(body));
        return IdempotentExecutor.toResponse(transfers.transfer(principal.userId(), body.fromAccountId(),
                body.toAccountId(), body.amount(), body.currency(), body.description(), challengeId, key));
    }

    @Operation(operationId = "getTransfer", summary = "A transfer, for its sender or receiver")
    @GetMapping("/api/v1/transfers/{id}")
    TransferView get(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable @IdOf("tr") String id) {
        return repository.find(id)
                .filter(t -> principal.userId().equals(t.fromOwnerId()) || principal.userId().equals(t.toOwnerId()))
                .map(t -> TransferView.of(t.row()))
                .orElseThrow(() -> ApiException.notFound("Transfer"));
    }
}
