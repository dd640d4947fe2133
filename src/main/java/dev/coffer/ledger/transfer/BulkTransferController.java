package dev.coffer.ledger.transfer;

import static dev.coffer.platform.CofferPrincipal.Kind.SESSION;

import dev.coffer.platform.Accepts;
import dev.coffer.platform.CofferPrincipal;
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
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/transfers/batch} (idempotent): up to {@value #MAX_TRANSFERS} transfers in one request, for
 * payroll, payouts and marketplaces. Each stands alone (a refused one never refuses another); all commit together.
 */
@RestController
@Tag(name = ApiTags.TRANSFERS)
@Accepts(SESSION)
class BulkTransferController {

    static final int MAX_TRANSFERS = 1000;

    private final TransferService transfers;
    private final JsonMapper json;

    BulkTransferController(TransferService transfers, JsonMapper json) {
        this.transfers = transfers;
        this.json = json;
    }

    /**
     * One transfer of a bulk request. The account ids carry no {@code @IdOf}: an id of the wrong shape names no
     * account, so that item alone is answered 404, like an unknown id or someone else's account.
     */
    record BulkTransferItem(
            @NotNull @Size(max = 64) String fromAccountId,
            @NotNull @Size(max = 64) String toAccountId,
            @NotNull @Positive @Max(Money.MAX_AMOUNT_MINOR) Long amount,
            @NotNull @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO 4217 code such as EUR") String currency,
            @Size(max = 500) String description,
            @Size(max = 200) String reference) {
    }

    record BulkTransferRequest(
            @NotNull @Size(min = 1, max = MAX_TRANSFERS) List<@Valid @NotNull BulkTransferItem> transfers) {
    }

    @Operation(operationId = "createTransfers",
            summary = "Move money in bulk: up to 1,000 transfers from the caller's accounts, committed together",
            description = "Each transfer is checked and applied on its own, as `POST /api/v1/transfers` would: the "
                    + "answer is 200 with one result per transfer, in request order (`status` 201 with the "
                    + "`transfer`, or the refusal's status with its `problem`). All of them commit in one "
                    + "transaction; a replay with the same `Idempotency-Key` answers the stored results.")
    @ApiResponse(responseCode = "200", description = "One result per transfer, in request order",
            content = @Content(schema = @Schema(implementation = BulkTransferResults.class)))
    @Refuses(status = 503, codes = "ledger_busy")
    @PostMapping("/api/v1/transfers/batch")
    ResponseEntity<String> create(@AuthenticationPrincipal CofferPrincipal principal,
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey,
            @Valid @RequestBody BulkTransferRequest body, HttpServletRequest request) {
        var key = IdempotencyKey.of(principal.userId(), idempotencyKey, "POST", request.getRequestURI(),
                json.writeValueAsString(body));
        var orders = body.transfers().stream().map(t -> new TransferService.Order(t.fromAccountId(),
                t.toAccountId(), t.amount(), t.currency(), t.description(), t.reference())).toList();
        return IdempotentExecutor.toResponse(transfers.transferAll(principal.userId(), orders, key));
    }
}
