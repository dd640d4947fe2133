package dev.coffer.ledger;

/**
 * An account's balances right after one operation of a ledger transaction, with who owns it (null for the bank's
 * settlement accounts): what listeners need to tell people about it without reading the ledger's tables.
 */
public record AccountBalance(String accountId, String ownerId, AccountKind kind, String currency, long ledger,
        long pending) {

    public long available() {
        return ledger - pending;
    }
}
