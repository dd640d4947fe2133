package dev.coffer.payments;

import java.util.Optional;

/**
 * Where checkout finds a merchant's recurring prices for {@code mode: "subscription"} sessions. Implemented by the
 * billing module, which owns prices; payments only reads the terms it shows and charges the first time.
 */
public interface RecurringPrices {

    /** The price {@code priceId} if it belongs to {@code merchantId}. */
    Optional<RecurringPrice> find(String merchantId, String priceId);

    /** What a customer agrees to: {@code amount} every {@code intervalCount} {@code interval}s. */
    record RecurringPrice(String id, String productName, long amount, String currency, String interval,
            int intervalCount) {
    }
}
