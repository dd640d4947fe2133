package dev.coffer.ledger;

import dev.coffer.platform.CurrencyCode;

/** What other modules may know about an account (no balances: those are the ledger's alone to change). */
public record AccountSummary(String id, String ownerId, AccountKind kind, CurrencyCode currency, String name,
        AccountStatus status) {
}
