package dev.coffer.payments;

import java.time.Instant;

/** A refund of (part of) a payment. */
public record RefundView(String id, String object, String paymentId, long amount, String currency, String status,
        String transferId, Instant createdAt) {
}
