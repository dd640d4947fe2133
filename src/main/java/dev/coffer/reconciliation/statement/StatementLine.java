package dev.coffer.reconciliation.statement;

import java.time.LocalDate;

/**
 * One line of a bank statement: {@code amount} in minor units, signed from the bank account's view (a credit, money
 * that arrived, is positive); {@code reference} is null when the bank gave none.
 */
public record StatementLine(int lineNo, long amount, LocalDate bookingDate, String reference) {

    public StatementLine {
        if (lineNo < 1 || amount == 0) {
            throw new IllegalArgumentException("line " + lineNo + " amount " + amount);
        }
    }
}
