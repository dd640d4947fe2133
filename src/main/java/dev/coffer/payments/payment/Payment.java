package dev.coffer.payments.payment;

import dev.coffer.payments.PaymentView;
import dev.coffer.platform.CurrencyCode;
import java.time.Instant;

/**
 * A payment row: what a customer paid for one checkout session, and what happened to it since. A manual-capture
 * payment has a hold, and {@code captureBefore} is that hold's expiry (null without a hold).
 */
record Payment(String id, String checkoutSessionId, String merchantId, String payerId, String payerAccountId,
        String settlementAccountId, String status, String captureMethod, CurrencyCode currency, long amount,
        long amountCaptured, long amountRefunded, String holdId, Instant captureBefore, String cancellationReason,
        Instant createdAt, Instant updatedAt) {

    static final String REQUIRES_CAPTURE = "requires_capture";
    static final String SUCCEEDED = "succeeded";
    static final String CANCELED = "canceled";
    /** The cancellation reason when the hold expired before the merchant captured it. */
    static final String EXPIRED = "expired";

    /** The deadline is shown only while it matters: while the payment can still be captured. */
    PaymentView view() {
        return new PaymentView(id, "payment", status, amount, amountCaptured, amountRefunded, currency.code(),
                captureMethod, checkoutSessionId, payerAccountId, settlementAccountId,
                REQUIRES_CAPTURE.equals(status) ? captureBefore : null, cancellationReason, createdAt, updatedAt);
    }

    /** Canceled because its hold expired (by the release job, or by whoever touched it first after the expiry). */
    boolean expired() {
        return CANCELED.equals(status) && EXPIRED.equals(cancellationReason);
    }

    /** At or after the hold's expiry the ledger refuses a capture, whether or not the release job has run. */
    boolean pastCaptureDeadline(Instant now) {
        return captureBefore != null && !now.isBefore(captureBefore);
    }

    boolean isVisibleTo(String userId) {
        return merchantId.equals(userId) || payerId.equals(userId);
    }

    long refundable() {
        return amountCaptured - amountRefunded;
    }

    Payment captured(long captured, Instant now) {
        return new Payment(id, checkoutSessionId, merchantId, payerId, payerAccountId, settlementAccountId, SUCCEEDED,
                captureMethod, currency, amount, captured, amountRefunded, holdId, captureBefore, null, createdAt, now);
    }

    Payment canceled(String reason, Instant now) {
        return new Payment(id, checkoutSessionId, merchantId, payerId, payerAccountId, settlementAccountId, CANCELED,
                captureMethod, currency, amount, amountCaptured, amountRefunded, holdId, captureBefore, reason,
                createdAt, now);
    }

    Payment refunded(long refund, Instant now) {
        return new Payment(id, checkoutSessionId, merchantId, payerId, payerAccountId, settlementAccountId, status,
                captureMethod, currency, amount, amountCaptured, Math.addExact(amountRefunded, refund), holdId,
                captureBefore, cancellationReason, createdAt, now);
    }
}
