package dev.coffer.billing.subscription;

import java.time.Instant;

/** One period's bill: {@code paid}, {@code open} (being retried) or {@code uncollectible}. */
record Invoice(String id, String subscriptionId, String merchantId, int periodIndex, long amount, String currency,
        String status, Instant periodStart, Instant periodEnd, int attempts, String transferId, String paymentId,
        Instant createdAt, Instant paidAt) {

    static final String PAID = "paid";
    static final String OPEN = "open";
    static final String UNCOLLECTIBLE = "uncollectible";

    /** This invoice with another status, nothing else changed. */
    Invoice withStatus(String newStatus) {
        return new Invoice(id, subscriptionId, merchantId, periodIndex, amount, currency, newStatus, periodStart,
                periodEnd, attempts, transferId, paymentId, createdAt, paidAt);
    }
}
