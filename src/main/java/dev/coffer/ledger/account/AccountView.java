package dev.coffer.ledger.account;

import java.time.Instant;

/** An account as the API shows it. */
public record AccountView(String id, String name, String currency, String kind, String status, Balance balance,
        Instant createdAt) {

    public record Balance(long ledger, long available, long pending) {
    }

    public static AccountView of(Account account) {
        return new AccountView(account.id(), account.name(), account.currency().code(), account.kind().dbName(),
                account.status().dbName(),
                new Balance(account.ledgerBalance(), account.available(), account.pending()), account.createdAt());
    }
}
