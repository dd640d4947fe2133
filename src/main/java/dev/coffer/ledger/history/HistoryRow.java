package dev.coffer.ledger.history;

import java.time.Instant;

/** One line of an account's history: a transfer seen from this account (amount signed: money in is positive). */
public record HistoryRow(String id, String kind, long amount, long balanceAfter, Counterparty counterparty,
        String description, String reference, String status, Instant createdAt) {

    public record Counterparty(String accountId, String name) {
    }
}
