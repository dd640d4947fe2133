package dev.coffer.cli;

import dev.coffer.audit.AuditChainVerifier;
import dev.coffer.ledger.LedgerVerifier;
import java.io.PrintStream;
import java.util.ArrayList;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code coffer verify}: checks the ledger and the audit log's hash chain once and reports; the exit code says
 * whether the books are right.
 */
@Component
@ConditionalOnProperty(name = "coffer.cli.command", havingValue = "verify")
class VerifyCommand implements ApplicationRunner, ExitCodeGenerator {

    private final LedgerVerifier verifier;
    private final AuditChainVerifier audit;
    private final PrintStream out = System.out;
    private int exitCode = 1;

    VerifyCommand(LedgerVerifier verifier, AuditChainVerifier audit) {
        this.verifier = verifier;
        this.audit = audit;
    }

    @Override
    public void run(ApplicationArguments args) {
        out.println("Verifying the ledger…");
        var report = verifier.verify();
        var chain = audit.verify();
        for (var currency : report.currencies()) {
            out.printf("  %s: %d accounts, sum %d%s%n", currency.currency(), currency.accounts(), currency.sum(),
                    currency.sum() == 0 ? " (balanced)" : " (NOT ZERO)");
        }
        out.printf("  audit chain: %d rows checked%n", chain.rows());
        var problems = new ArrayList<>(report.problems());
        problems.addAll(chain.problems());
        if (problems.isEmpty()) {
            out.println("OK: every currency sums to zero, every balance matches its entries, the audit chain is intact.");
            exitCode = 0;
            return;
        }
        out.println("PROBLEMS (" + problems.size() + "):");
        problems.forEach(problem -> out.println("  - " + problem));
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
