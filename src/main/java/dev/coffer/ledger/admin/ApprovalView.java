package dev.coffer.ledger.admin;

import jakarta.annotation.Nullable;
import java.time.Instant;

/**
 * An admin deposit or withdrawal waiting for (or decided by) a second admin. {@code approvalId} repeats {@code id}:
 * the 202 that answers the request names it so. {@code status}: pending, approved (then {@code transferId}),
 * rejected, or failed (the ledger refused it when approved: {@code failureCode}).
 */
public record ApprovalView(String id, String approvalId, String kind, String accountId, long amount, String currency,
        @Nullable String reference, String status, String requestedBy, Instant requestedAt,
        @Nullable String decidedBy, @Nullable Instant decidedAt, @Nullable String transferId,
        @Nullable String failureCode) {
}
