package dev.coffer.payments.payment;

import static dev.coffer.platform.CofferPrincipal.Kind.SESSION;
import static dev.coffer.platform.CofferPrincipal.Kind.API_KEY;

import dev.coffer.platform.Accepts;
import dev.coffer.payments.PaymentView;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.idempotency.IdempotencyKey;
import dev.coffer.platform.idempotency.IdempotentExecutor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
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

/**
 * Paying a checkout session, and the merchant's capture, cancel and refunds.
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

    record PayRequest(@NotBlank @Size(max = 64) String accountId) {
    }

    record AmountRequest(@Positive @Max(1_000_000_000_000_000L) Long amount) {
        static final AmountRequest NONE = new AmountRequest(null);
    }

    @Accepts(SESSION)
    @PostMapping("/api/v1/checkout/sessions/{id}/pay")
    ResponseEntity<String> pay(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable String id,
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey,
            @Valid @RequestBody PayRequest body, HttpServletRequest request) {
        var key = IdempotencyKey.of(principal.userId(), idempotencyKey, "POST", request.getRequestURI(),
                json.writeValueAsString(body));
        return idempotent.execute(key, () -> new IdempotentExecutor.Success(HttpStatus.CREATED,
                payments.pay(principal, id, body.accountId())));
    }

    @Accepts(API_KEY)
    @PostMapping("/api/v1/payments/{id}/capture")
    PaymentView capture(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable String id,
            @Valid @RequestBody(required = false) AmountRequest body) {
        return payments.capture(principal, id, (body == null ? AmountRequest.NONE : body).amount());
    }

    @Accepts(API_KEY)
    @PostMapping("/api/v1/payments/{id}/cancel")
    PaymentView cancel(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable String id) {
        return payments.cancel(principal, id);
    }

    @Accepts(API_KEY)
    @PostMapping("/api/v1/payments/{id}/refunds")
    ResponseEntity<String> refund(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable String id,
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey,
            @Valid @RequestBody(required = false) AmountRequest body, HttpServletRequest request) {
        var amount = (body == null ? AmountRequest.NONE : body).amount();
        var key = IdempotencyKey.of(principal.userId(), idempotencyKey, "POST", request.getRequestURI(),
                json.writeValueAsString(body == null ? AmountRequest.NONE : body));
        return idempotent.execute(key, () -> new IdempotentExecutor.Success(HttpStatus.CREATED,
                payments.refund(principal, id, amount)));
    }

    @Accepts({API_KEY, SESSION})
    @GetMapping("/api/v1/payments/{id}")
    PaymentView get(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable String id) {
        return payments.get(principal, id);
    }
}
