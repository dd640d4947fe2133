package dev.coffer.billing.price;

import dev.coffer.billing.Interval;
import java.time.Instant;

/** A merchant's recurring price: {@code amount} every {@code intervalCount} {@code interval}s. */
record Price(String id, String merchantId, String productName, long amount, String currency, Interval interval,
        int intervalCount, Instant createdAt) {
}
