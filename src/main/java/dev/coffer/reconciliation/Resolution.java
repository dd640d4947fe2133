package dev.coffer.reconciliation;

/** How an admin resolves an exception: link a statement line to a ledger transfer, or post an adjusting entry. */
public sealed interface Resolution {

    /** The line belongs to this settlement-account transfer (same amount and direction). */
    record Link(String transferId) implements Resolution {
    }

    /** Make the books match the bank: an adjusting transfer against the currency's suspense account. */
    record Adjust(String reference) implements Resolution {
    }

    /** The outcome: the exception, how it was resolved, and the transfer it now rests on. */
    record Resolved(String id, String kind, String resolution, String transferId) {
    }
}
