package dev.coffer.payments;

import java.time.Instant;

/**
 * A {@code mode: "subscription"} checkout session was paid: its first period is charged (payment {@code paymentId})
 * and the customer agreed to be charged from {@code payerAccountId} each period. Published inside the payment's
 * transaction; the billing module starts the subscription there, so both commit or neither.
 */
public record SubscriptionCheckoutPaid(String sessionId, String merchantId, String payerId, String payerAccountId,
        String settlementAccountId, String priceId, String paymentId, long amount, String currency, Instant paidAt) {
}
