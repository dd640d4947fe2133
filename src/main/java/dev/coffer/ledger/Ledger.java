package dev.coffer.ledger;

import dev.coffer.platform.CurrencyCode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The ledger's public API for other modules (payments). Every money call runs inside the caller's transaction, so
 * the caller's own change (a payment's status) commits together with the money, or neither does.
 *
 * <p>Lock order: call {@link #lockHold} before locking any row of your own that refers to the hold; the ledger locks
 * holds, then accounts. Following this order everywhere makes deadlocks impossible.
 */
public interface Ledger {

    /** The most accounts one user may hold. */
    int MAX_ACCOUNTS_PER_USER = 20;

    Optional<AccountSummary> account(String accountId);

    /** A user's own accounts with their balances, oldest first: what a page offers to pay or send from. */
    List<AccountView> accountsOf(String ownerId);

    /** The account's balances now (expired holds already free), for modules that react to balances. */
    Optional<AccountBalance> balance(String accountId);

    /** Moves money now: one transfer of {@code kind} from one account to another. */
    LedgerResult transfer(String transferId, TransferKind kind, String fromAccountId, String toAccountId, long amount,
            CurrencyCode currency, String description, String initiatedBy, String reference);

    /**
     * Reserves money on an account until captured, voided or {@code expiresAt}. From {@code expiresAt} on the money
     * is available again (reads and transfers count it so before the hold is released) and the hold can no longer
     * be captured.
     */
    LedgerResult placeHold(String holdId, String fromAccountId, String toAccountId, long amount,
            CurrencyCode currency, Instant expiresAt, String reference);

    /**
     * Captures part or all of a pending hold as a transfer; the rest is released. Refused with 409
     * {@code hold_expired} at or after the hold's expiry.
     */
    LedgerResult captureHold(String holdId, long amount, String transferId, TransferKind kind, String description,
            String initiatedBy);

    /**
     * Releases a pending hold without moving money: voided, or expired when its expiry has passed (then published as
     * an expiry, like the release job's).
     */
    LedgerResult voidHold(String holdId);

    /** Locks the hold row until the end of the caller's transaction (first, before the caller's own rows). */
    void lockHold(String holdId);
}
