package dev.coffer.ledger.engine;

/** One side of a transfer as written to {@code entries}: debits negative, credits positive. */
record EntryRow(String transferId, boolean debit, String accountId, long entryNo, long amount, long balanceAfter) {

    EntryRow {
        if (debit ? amount >= 0 : amount <= 0) {
            throw new IllegalStateException("entry sign does not match its side: " + amount);
        }
        if (entryNo < 1) {
            throw new IllegalStateException("entry numbers start at 1");
        }
    }
}
