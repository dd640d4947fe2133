package dev.coffer.billing;

import jakarta.annotation.Nullable;
import java.time.Instant;

/**
 * A standing order's run the ledger refused (not enough money, a frozen account, a spending limit), published in the
 * transaction that records the run as {@code failed}, so whoever tells the owner (an email) does so exactly when the
 * refusal is recorded. {@code nextRunAt} is when the order tries again with its next occurrence (null: it was the
 * last one).
 */
public record StandingOrderRunRefused(String ownerId, String scheduledTransferId, int occurrence,
        String fromAccountId, String toAccountId, long amount, String currency, @Nullable String description,
        String code, Instant dueAt, @Nullable Instant nextRunAt) {
}
