package dev.coffer.payments;

import java.time.Instant;
import jakarta.annotation.Nullable;

/** A payment as the API (and webhook events) show it. */
public record PaymentView(String id, String object, String status, long amount, long amountCaptured,
        long amountRefunded, String currency, String captureMethod, String checkoutSessionId,
        String payerAccountId, String settlementAccountId, @Nullable String cancellationReason, Instant createdAt,
        Instant updatedAt) {
}
