package dev.coffer.ledger.account;

import dev.coffer.ledger.AccountKind;
import dev.coffer.ledger.AccountStatus;
import dev.coffer.ledger.AccountSummary;
import dev.coffer.ledger.AccountView;
import dev.coffer.platform.CurrencyCode;
import java.time.Instant;

/**
 * An account row with its balances as of the read: {@code pending} is the sum of the holds still live then (see
 * {@link AccountRepository}), so {@code available = ledgerBalance - pending} already counts expired holds as free.
 */
public record Account(String id, String ownerId, AccountKind kind, CurrencyCode currency, String name,
        AccountStatus status, long ledgerBalance, long pending, long entryCount, Instant createdAt) {

    public long available() {
        return ledgerBalance - pending;
    }

    public boolean isOwnedBy(String userId) {
        return facts().isOwnedBy(userId);
    }

    public AccountFacts facts() {
        return new AccountFacts(id, ownerId, kind, currency);
    }

    /** As the API and the pages show it. */
    public AccountView view() {
        return new AccountView(id, name, currency.code(), kind.dbName(), status.dbName(),
                new AccountView.Balance(ledgerBalance, available(), pending), createdAt);
    }

    public AccountSummary summary() {
        return new AccountSummary(id, ownerId, kind, currency, name, status);
    }
}
