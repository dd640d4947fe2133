package dev.coffer.payments.checkout;

import static dev.coffer.platform.CofferPrincipal.Kind.API_KEY;
import static dev.coffer.platform.CofferPrincipal.Kind.SESSION;

import dev.coffer.payments.CheckoutSessionView;
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
import jakarta.annotation.Nullable;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /api/v1/checkout/sessions} (merchants, idempotent) and {@code GET /api/v1/checkout/sessions/{id}}. */
@RestController
@Tag(name = ApiTags.CHECKOUT)
class CheckoutController {

    private final CheckoutService checkout;
    private final IdempotentExecutor idempotent;
    private final JsonMapper json;

    CheckoutController(CheckoutService checkout, IdempotentExecutor idempotent, JsonMapper json) {
        this.checkout = checkout;
        this.idempotent = idempotent;
        this.json = json;
    }

    @Schema(name = "LineItemRequest")
    record ItemRequest(
            @NotBlank @Size(max = 200) String name,
            @NotNull @Min(1) @Max(100_000) Long quantity,
            @NotNull @Min(0) @Max(Money.MAX_AMOUNT_MINOR) Long unitAmount) {
    }

    @Schema(name = "CheckoutSessionRequest")
    record SessionRequest(
            @Nullable @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO 4217 code such as EUR")
            String currency,
            @Nullable @Size(min = 1, max = 100) List<@Valid @NotNull ItemRequest> lineItems,
            @Pattern(regexp = "^(automatic|manual)$", message = "must be automatic or manual") String captureMethod,
            @NotNull @IdOf("acc") String settlementAccountId,
            @Size(max = 2048) @Pattern(regexp = "^https?://\\S+$", message = "must be an absolute http(s) URL")
            String successUrl,
            @Size(max = 20, message = "may hold at most 20 keys")
            Map<@NotBlank @Size(max = 40) String, @NotNull @Size(max = 500) String> metadata,
            @Nullable @Pattern(regexp = "^(payment|subscription)$", message = "must be payment or subscription")
            String mode,
            @Nullable @IdOf("price") String priceId) {
    }

    @Accepts(API_KEY)
    @Operation(operationId = "createCheckoutSession", summary = "Open a checkout session (merchant server)")
    @ApiResponse(responseCode = "201", description = "The session, open",
            content = @Content(schema = @Schema(implementation = CheckoutSessionView.class)))
    @Refuses(status = 404, codes = "not_found")
    @Refuses(status = 422, codes = {"unsupported_currency", "currency_mismatch", "invalid_amount", "amount_too_large"})
    @PostMapping("/api/v1/checkout/sessions")
    ResponseEntity<String> create(@AuthenticationPrincipal CofferPrincipal principal,
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey,
            @Valid @RequestBody SessionRequest body, HttpServletRequest request) {
        CheckoutService.requireMerchant(principal);
        var key = IdempotencyKey.of(principal.userId(), idempotencyKey, "POST", request.getRequestURI(),
                json.writeValueAsString(body));
        var newSession = new CheckoutService.NewSession(body.currency(), body.lineItems() == null ? null
                : body.lineItems().stream().map(i -> new CheckoutService.NewItem(i.name(), i.quantity(),
                        i.unitAmount())).toList(),
                body.captureMethod() == null ? "automatic" : body.captureMethod(), body.settlementAccountId(),
                body.successUrl(), body.metadata(), body.mode() == null ? "payment" : body.mode(), body.priceId());
        return IdempotentExecutor.toResponse(idempotent.execute(key, () -> new IdempotentExecutor.Success(
                HttpStatus.CREATED, checkout.create(principal, newSession))));
    }

    @Accepts({API_KEY, SESSION})
    @Operation(operationId = "getCheckoutSession",
            summary = "A checkout session, for its merchant or any logged-in customer")
    @GetMapping("/api/v1/checkout/sessions/{id}")
    CheckoutSessionView get(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable @IdOf("cs") String id) {
        return checkout.get(principal, id);
    }
}
