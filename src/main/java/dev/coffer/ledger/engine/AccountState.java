package dev.coffer.ledger.engine;

import dev.coffer.ledger.AccountBalance;
import dev.coffer.ledger.AccountKind;
import dev.coffer.ledger.AccountStatus;

/**
 * An account's balances as the planner moves them within one transaction (the row is locked). Mutable on purpose:
 * the planner applies operations one after another against the running balances.
 */
final class AccountState {

    final String id;
    final String ownerId;
    final AccountKind kind;
    final String currency;
    final AccountStatus status;
    long ledger;
    long pending;
    long entryCount;
    boolean changed;
    /** The limits in force and what was spent against them; null for an account without limits. */
    Spending spending;

    AccountState(String id, AccountKind kind, String currency, AccountStatus status, long ledger, long pending,
            long entryCount) {
        this(id, null, kind, currency, status, ledger, pending, entryCount);
    }

    AccountState(String id, String ownerId, AccountKind kind, String currency, AccountStatus status, long ledger,
            long pending, long entryCount) {
        this.id = id;
        this.ownerId = ownerId;
        this.kind = kind;
        this.currency = currency;
        this.status = status;
        this.ledger = ledger;
        this.pending = pending;
        this.entryCount = entryCount;
    }

    long available() {
        return ledger - pending;
    }

    AccountBalance snapshot() {
        return new AccountBalance(id, ownerId, kind, currency, ledger, pending);
    }

    /** Customers and merchants never go below zero available; the bank's settlement accounts may. */
    boolean mayGoNegative() {
        return kind == AccountKind.SYSTEM;
    }

    AccountState copy() {
        var copy = new AccountState(id, ownerId, kind, currency, status, ledger, pending, entryCount);
        copy.changed = changed;
        copy.spending = spending == null ? null : spending.copy();
        return copy;
    }
}
