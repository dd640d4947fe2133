package dev.coffer.payments;

import jakarta.annotation.Nullable;
import java.time.Instant;

/**
 * A payment as the API (and webhook events) show it. {@code captureBefore} is set only while the payment is
 * {@code requires_capture} (the hold's expiry: capturing at or after it is refused), null otherwise, like
 * {@code cancellationReason} outside {@code canceled}.
 */
public record PaymentView(String id, String object, String status, long amount, long amountCaptured,
        long amountRefunded, String currency, String captureMethod, String checkoutSessionId,
        String payerAccountId, String settlementAccountId, @Nullable Instant captureBefore,
        @Nullable String cancellationReason, Instant createdAt, Instant updatedAt) {
}
