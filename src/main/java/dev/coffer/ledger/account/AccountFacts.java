package dev.coffer.ledger.account;

import dev.coffer.ledger.AccountKind;
import dev.coffer.platform.CurrencyCode;
import java.util.Objects;

/**
 * What never changes about an account once it exists: its owner, kind and currency. Status and balances change and
 * are read under lock by the ledger engine instead.
 */
public record AccountFacts(String id, String ownerId, AccountKind kind, CurrencyCode currency) {

    public AccountFacts {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(currency, "currency");
    }

    public boolean isOwnedBy(String userId) {
        return ownerId != null && ownerId.equals(userId);
    }
}
