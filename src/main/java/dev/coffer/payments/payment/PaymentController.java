package dev.coffer.payments.payment;

import static dev.coffer.platform.CofferPrincipal.Kind.API_KEY;
import static dev.coffer.platform.CofferPrincipal.Kind.SESSION;

import dev.coffer.ledger.StepUpRule;
import dev.coffer.payments.PaymentView;
import dev.coffer.payments.RefundView;
import dev.coffer.platform.Accepts;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.IdOf;
import dev.coffer.platform.Money;
import dev.coffer.platform.Refuses;
import dev.coffer.platform.Role;
import dev.coffer.platform.idempotency.IdempotencyKey;
import dev.coffer.platform.idempotency.IdempotentExecutor;
import dev.coffer.platform.openapi.ApiTags;
import dev.coffer.platform.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.Nullable;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Paying a checkout session, the merchant's list of payments, and the merchant's capture, cancel and refunds.
 *
 * <p>Holds and time: a payment in {@code requires_capture} shows {@code captureBefore}, its hold's expiry. From that
 * instant on, whether or not the release job has run yet:
 * <ul>
 * <li>capture answers 409 {@code hold_expired} and moves nothing;</li>
 * <li>cancel answers 200 with the payment {@code canceled}, reason {@code expired}: the hold is released as expired
 * (one {@code payment.canceled} event, as when the job releases it), which is what the merchant asked for, so it is
 * not an error. Canceling a payment the merchant canceled or captured before stays 409.</li>
 * </ul>
 */
@RestController
class PaymentController {

    private final PaymentService payments;
    private final IdempotentExecutor idempotent;
    private final JsonMapper json;

    PaymentController(PaymentService payments, IdempotentExecutor idempotent, JsonMapper json) {
        this.payments = payments;
        this.idempotent = idempotent;
        this.json = json;
    }

    record PayRequest(@NotNull @IdOf("acc") String accountId) {
    }

    record AmountRequest(@Positive @Max(Money.MAX_AMOUNT_MINOR) Long amount) {
        static final AmountRequest NONE = new AmountRequest(null);
    }

    @Accepts(SESSION)
    @Tag(name = ApiTags.CHECKOUT)
    @Operation(operationId = "payCheckoutSession", summary = "Pay a checkout session from one of the caller's accounts")
    @ApiResponse(responseCode = "201", description = "The payment: succeeded, or requires_capture for manual capture",
            content = @Content(schema = @Schema(implementation = PaymentView.class)))
    @Refuses(status = 403, codes = {"step_up_required", "second_factor_required", "challenge_mismatch",
            "challenge_not_verified"})
    @Refuses(status = 409, codes = "session_not_open")
    @Refuses(status = 422, codes = {"insufficient_funds", "currency_mismatch", "same_account", "account_frozen",
            "balance_limit_exceeded", "limit_exceeded"})
    @PostMapping("/api/v1/checkout/sessions/{id}/pay")
    ResponseEntity<String> pay(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable @IdOf("cs") String id,
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey,
            @Parameter(description = "A verified step-up challenge, when the first try answered step_up_required")
            @RequestHeader(name = StepUpRule.HEADER, required = false) String challengeId,
            @Valid @RequestBody PayRequest body, HttpServletRequest request) {
        var key = IdempotencyKey.of(principal.userId(), idempotencyKey, "POST", request.getRequestURI(),
                json.writeValueAsString(body));
        return IdempotentExecutor.toResponse(idempotent.execute(key, () -> new IdempotentExecutor.Success(
                HttpStatus.CREATED, payments.pay(principal, id, body.accountId(), challengeId))));
    }

    @Accepts(API_KEY)
    @Tag(name = ApiTags.PAYMENTS)
    @Operation(operationId = "capturePayment",
            summary = "Capture a held payment, in full or in part (the rest is released)")
    @Refuses(status = 409, codes = {"payment_not_capturable", "hold_not_pending", "hold_expired"})
    @Refuses(status = 422, codes = {"amount_exceeds_hold", "account_frozen"})
    @PostMapping("/api/v1/payments/{id}/capture")
    PaymentView capture(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable @IdOf("pay") String id,
            @Valid @RequestBody(required = false) AmountRequest body) {
        return payments.capture(principal, id, (body == null ? AmountRequest.NONE : body).amount());
    }

    @Accepts(API_KEY)
    @Tag(name = ApiTags.PAYMENTS)
    @Operation(operationId = "cancelPayment", summary = "Cancel a held payment: the hold is released")
    @Refuses(status = 409, codes = {"payment_not_cancelable", "hold_not_pending"})
    @PostMapping("/api/v1/payments/{id}/cancel")
    PaymentView cancel(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable @IdOf("pay") String id) {
        return payments.cancel(principal, id);
    }

    @Accepts(API_KEY)
    @Tag(name = ApiTags.PAYMENTS)
    @Operation(operationId = "refundPayment", summary = "Refund a succeeded payment, in full or in part")
    @ApiResponse(responseCode = "201", description = "The refund",
            content = @Content(schema = @Schema(implementation = RefundView.class)))
    @Refuses(status = 409, codes = "payment_not_refundable")
    @Refuses(status = 422, codes = {"refund_exceeds_captured", "insufficient_funds", "account_frozen",
            "balance_limit_exceeded"})
    @PostMapping("/api/v1/payments/{id}/refunds")
    ResponseEntity<String> refund(@AuthenticationPrincipal CofferPrincipal principal,
            @PathVariable @IdOf("pay") String id,
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey,
            @Valid @RequestBody(required = false) AmountRequest body, HttpServletRequest request) {
        var amount = (body == null ? AmountRequest.NONE : body).amount();
        var key = IdempotencyKey.of(principal.userId(), idempotencyKey, "POST", request.getRequestURI(),
                json.writeValueAsString(body == null ? AmountRequest.NONE : body));
        return IdempotentExecutor.toResponse(idempotent.execute(key, () -> new IdempotentExecutor.Success(
                HttpStatus.CREATED, payments.refund(principal, id, amount))));
    }

    /** A page of the merchant's payments: {@code {data, nextCursor}}. */
    record PaymentList(List<PaymentView> data, @Nullable String nextCursor) {
    }

    /** The merchant page's list, for the merchant's server: the same filters, the same pages, the same index. */
    @Accepts(API_KEY)
    @Tag(name = ApiTags.PAYMENTS)
    @Operation(operationId = "listPayments", summary = "The merchant's payments, newest first, by status and time")
    @Refuses(status = 400, codes = {"invalid_parameter", "invalid_cursor", "invalid_range"})
    @GetMapping("/api/v1/payments")
    PaymentList list(@AuthenticationPrincipal CofferPrincipal principal,
            @Parameter(description = "requires_capture, succeeded or canceled; all when absent")
            @RequestParam(required = false) String status,
            @Parameter(description = "created at or after: a day yyyy-mm-dd (UTC) or an RFC 3339 time")
            @RequestParam(required = false) String from,
            @Parameter(description = "created before: a day yyyy-mm-dd (UTC, included) or an RFC 3339 time")
            @RequestParam(required = false) String to,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        principal.require(Role.MERCHANT);
        var page = payments.list(principal, PaymentQuery.parse(status, from, to, cursor), Paging.limit(limit));
        return new PaymentList(page.data(), page.nextCursor());
    }

    @Accepts({API_KEY, SESSION})
    @Tag(name = ApiTags.PAYMENTS)
    @Operation(operationId = "getPayment", summary = "A payment, for its merchant or its payer")
    @GetMapping("/api/v1/payments/{id}")
    PaymentView get(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable @IdOf("pay") String id) {
        return payments.get(principal, id);
    }
}
