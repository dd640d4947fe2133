package dev.coffer.reconciliation;

import jakarta.annotation.Nullable;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One open item of the exception queue: a statement line no ledger entry matched ({@code statement_line}), or a
 * settlement-account entry within an imported statement's period that no line matched ({@code ledger_entry}).
 * {@code amount} is in minor units, signed from the bank's view for both kinds (money that arrived at the bank is
 * positive: a line as the bank printed it, a deposit as the bank should have shown it), so a line and the entry it
 * belongs to show the same number. {@code transferId} is set for ledger entries only.
 */
public record ReconException(String id, String kind, String accountId, long amount, String currency,
        LocalDate date, @Nullable String reference, @Nullable String transferId, @Nullable String statementId,
        Instant createdAt) {

    public static final String STATEMENT_LINE = "statement_line";
    public static final String LEDGER_ENTRY = "ledger_entry";

    /** True for a statement line (a method, not a property: the JSON carries {@code kind}). */
    public boolean statementLine() {
        return STATEMENT_LINE.equals(kind);
    }
}
