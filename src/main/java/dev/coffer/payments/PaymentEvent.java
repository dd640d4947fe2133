package dev.coffer.payments;

import dev.coffer.platform.AuditableEvent;
import dev.coffer.platform.MerchantEvent;
import java.util.Map;
import java.util.Optional;

/**
 * A payment state change. Audited, and offered to the merchant's webhooks, inside the transaction of the change.
 */
public sealed interface PaymentEvent extends AuditableEvent, MerchantEvent {

    /** Who caused it: the payer, the merchant, or nobody (the server, e.g. an expiry). */
    String causedBy();

    String objectId();

    @Override
    default String auditType() {
        return eventType();
    }

    @Override
    default Optional<String> actorId() {
        return Optional.ofNullable(causedBy());
    }

    @Override
    default Optional<String> subjectId() {
        return Optional.of(objectId());
    }

    record SessionCompleted(String merchantId, String causedBy, CheckoutSessionView session) implements PaymentEvent {
        public String eventType() { return "checkout.session.completed"; }
        public String objectId() { return session.id(); }
        public Object payload() { return session; }
        public Map<String, Object> auditData() {
            return Map.of("payment", session.paymentId(), "amount", session.amount(), "currency", session.currency());
        }
    }

    /** {@code payment.succeeded}, {@code payment.requires_capture} or {@code payment.canceled}. */
    record PaymentChanged(String merchantId, String causedBy, PaymentView payment) implements PaymentEvent {
        public String eventType() { return "payment." + payment.status(); }
        public String objectId() { return payment.id(); }
        public Object payload() { return payment; }
        public Map<String, Object> auditData() {
            return Map.of("status", payment.status(), "amount", payment.amount(),
                    "captured", payment.amountCaptured(), "currency", payment.currency());
        }
    }

    record PaymentRefunded(String merchantId, String causedBy, PaymentView payment, RefundView refund)
            implements PaymentEvent {
        public String eventType() { return "payment.refunded"; }
        public String objectId() { return payment.id(); }
        public Object payload() { return payment; }
        public Map<String, Object> auditData() {
            return Map.of("refund", refund.id(), "amount", refund.amount(), "refunded", payment.amountRefunded());
        }
    }
}
