package dev.coffer.ledger.history;

/**
 * A statement's running totals while its entries stream past: money in, money out, how many entries. The closing
 * balance is the opening balance plus what streamed, so the two always agree with the lines printed.
 */
final class StatementTotals {

    private final long openingMinor;
    private long creditsMinor;
    private long debitsMinor;
    private long entries;

    StatementTotals(long openingMinor) {
        this.openingMinor = openingMinor;
    }

    void add(long amountMinor) {
        if (amountMinor > 0) {
            creditsMinor = Math.addExact(creditsMinor, amountMinor);
        } else {
            debitsMinor = Math.addExact(debitsMinor, amountMinor);
        }
        entries++;
    }

    long opening() {
        return openingMinor;
    }

    /** Money in, positive. */
    long credits() {
        return creditsMinor;
    }

    /** Money out, negative (or zero). */
    long debits() {
        return debitsMinor;
    }

    long net() {
        return Math.addExact(creditsMinor, debitsMinor);
    }

    long closing() {
        return Math.addExact(openingMinor, net());
    }

    long entries() {
        return entries;
    }
}
