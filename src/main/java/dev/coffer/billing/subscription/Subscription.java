package dev.coffer.billing.subscription;

import dev.coffer.billing.Interval;
import java.time.Instant;

/**
 * A subscription as stored. Period {@code i} runs from the {@code i}-th to the {@code (i+1)}-th occurrence after
 * {@code anchorAt} (month ends clamp, then return to the anchor's day).
 */
record Subscription(String id, String merchantId, String customerId, String customerAccountId,
        String settlementAccountId, String priceId, String productName, long amount, String currency,
        Interval interval, int intervalCount, Instant anchorAt, int periodIndex, Instant currentPeriodStart,
        Instant currentPeriodEnd, String status, boolean cancelAtPeriodEnd, Instant createdAt, Instant canceledAt) {

    static final String ACTIVE = "active";
    static final String PAST_DUE = "past_due";
    static final String CANCELED = "canceled";

    Instant periodStart(int index) {
        return interval.occurrence(anchorAt, intervalCount, index);
    }
}
