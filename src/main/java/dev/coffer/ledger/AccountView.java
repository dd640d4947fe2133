package dev.coffer.ledger;

import java.time.Instant;

/** An account as the API and the pages show it: its balances ({@code available = ledger - pending}) as of the read. */
public record AccountView(String id, String name, String currency, String kind, String status, Balance balance,
        Instant createdAt) {

    public record Balance(long ledger, long available, long pending) {
    }
}
