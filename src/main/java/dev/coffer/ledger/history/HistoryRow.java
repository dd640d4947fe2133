package dev.coffer.ledger.history;

import jakarta.annotation.Nullable;
import java.time.Instant;

/** One line of an account's history: a transfer seen from this account (amount signed: money in is positive). */
public record HistoryRow(String id, String kind, long amount, long balanceAfter, Counterparty counterparty,
        @Nullable String description, @Nullable String reference, String status, Instant createdAt) {

    public record Counterparty(String accountId, String name) {
    }
}
