package dev.coffer.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The settlement accounts' side of the ledger, for reconciling them with the real bank accounts they mirror
 * (deposits come out of a settlement account, withdrawals go into it). Reads are plain reads; {@link #adjust} posts
 * in the caller's transaction, so the caller's record of why commits together with the money, or neither does.
 */
public interface SettlementLedger {

    /** Upper bound for {@link #entries}: one reconciliation never reads more than this many entries. */
    int MAX_ENTRIES = 100_000;

    /** Every currency's settlement account, by currency code. */
    List<AccountSummary> settlementAccounts();

    /** The account when it is a settlement account; empty for any other account or id. */
    Optional<AccountSummary> settlementAccount(String accountId);

    /**
     * The settlement account's entries created in {@code [from, to)}, oldest first (by time, then entry number), at
     * most {@code maxRows} ({@code 1..MAX_ENTRIES}); a caller that asks for one more than it accepts learns that
     * there were too many.
     */
    List<SettlementEntry> entries(String settlementAccountId, Instant from, Instant to, int maxRows);

    /** The settlement account's entry of one transfer, if that transfer touched the account. */
    Optional<SettlementEntry> entry(String settlementAccountId, String transferId);

    /**
     * Posts an adjusting transfer between the settlement account and its currency's suspense account, so that the
     * settlement account moves by {@code settlementAmount} (signed, the account's own view: negative as a deposit
     * would move it, positive as a withdrawal would). Kind {@code deposit} or {@code withdrawal} accordingly; the
     * suspense account keeps the difference visible until someone allocates it. Requires a transaction.
     */
    LedgerResult adjust(String transferId, String settlementAccountId, long settlementAmount, String reference,
            String initiatedBy);
}
