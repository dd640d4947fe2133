package dev.coffer.reconciliation.statement;

import dev.coffer.platform.CurrencyCode;
import dev.coffer.reconciliation.StatementFormat;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * A bank statement as read: where it came from, the id that makes its import idempotent (camt {@code Stmt/Id}, or the
 * SHA-256 of the CSV bytes), its currency and its lines in the bank's order (at least one).
 */
public record ParsedStatement(StatementFormat format, String externalId, CurrencyCode currency,
        List<StatementLine> lines) {

    public ParsedStatement {
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a statement has lines");
        }
    }

    public LocalDate firstDate() {
        return lines.stream().map(StatementLine::bookingDate).min(Comparator.naturalOrder()).orElseThrow();
    }

    public LocalDate lastDate() {
        return lines.stream().map(StatementLine::bookingDate).max(Comparator.naturalOrder()).orElseThrow();
    }
}
