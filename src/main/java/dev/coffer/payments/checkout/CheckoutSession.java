package dev.coffer.payments.checkout;

import dev.coffer.payments.CheckoutSessionView.LineItem;
import dev.coffer.platform.CurrencyCode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A checkout session row. */
public record CheckoutSession(String id, String merchantId, String status, CurrencyCode currency, long amount,
        String captureMethod, String settlementAccountId, String successUrl, List<LineItem> lineItems,
        Map<String, String> metadata, String paymentId, Instant createdAt, Instant expiresAt, Instant completedAt,
        String mode, String priceId, String recurringInterval, Integer recurringIntervalCount) {

    public static final String PAYMENT_MODE = "payment";
    public static final String SUBSCRIPTION_MODE = "subscription";

    public boolean isSubscription() {
        return SUBSCRIPTION_MODE.equals(mode);
    }

    public static final String OPEN = "open";
    public static final String COMPLETE = "complete";
    public static final String EXPIRED = "expired";

    /** Open and not past its expiry (the stored status may lag behind the clock until the expiry job runs). */
    public boolean isPayable(Instant now) {
        return OPEN.equals(status) && now.isBefore(expiresAt);
    }

    /** The status as of {@code now}. */
    public String statusAt(Instant now) {
        return OPEN.equals(status) && !now.isBefore(expiresAt) ? EXPIRED : status;
    }

    public boolean isManualCapture() {
        return "manual".equals(captureMethod);
    }
}
