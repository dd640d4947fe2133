package dev.coffer.ledger.admin;

import dev.coffer.audit.AuditChainVerifier;
import dev.coffer.ledger.LedgerVerifier;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** The admin's check of the books: the ledger's invariants and the audit log's hash chain, in one report. */
@Component
public class BooksCheck {

    private final LedgerVerifier ledger;
    private final AuditChainVerifier audit;

    BooksCheck(LedgerVerifier ledger, AuditChainVerifier audit) {
        this.ledger = ledger;
        this.audit = audit;
    }

    @Schema(name = "LedgerVerification")
    public record Report(boolean ok, List<LedgerVerifier.CurrencyTotal> currencies, List<String> problems, long auditRows) {
    }

    public Report run() {
        var books = ledger.verify();
        var chain = audit.verify();
        var problems = new ArrayList<>(books.problems());
        problems.addAll(chain.problems());
        return new Report(problems.isEmpty(), books.currencies(), List.copyOf(problems), chain.rows());
    }
}
