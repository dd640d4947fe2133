package dev.coffer.payments;

import jakarta.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A checkout session as the API (and webhook events) show it. */
public record CheckoutSessionView(String id, String object, String status, long amount, String currency,
        String url, Instant expiresAt, String captureMethod, String settlementAccountId, @Nullable String successUrl,
        List<LineItem> lineItems, Map<String, String> metadata, @Nullable String paymentId, Instant createdAt,
        String mode, @Nullable String priceId, @Nullable String recurringInterval,
        @Nullable Integer recurringIntervalCount) {

    /** A subscription session's terms in words: "every month", "every 3 months"; null for a one-off payment. */
    public @Nullable String recurringTerms() {
        if (recurringInterval == null) {
            return null;
        }
        return recurringIntervalCount == null || recurringIntervalCount == 1 ? "every " + recurringInterval
                : "every " + recurringIntervalCount + " " + recurringInterval + "s";
    }

    /** One line of the order: {@code amount = quantity × unitAmount}. */
    public record LineItem(String name, long quantity, long unitAmount, long amount) {
    }
}
