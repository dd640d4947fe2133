package dev.coffer.cli;

import dev.coffer.ledger.admin.LedgerVerifier;
import java.io.PrintStream;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** {@code coffer verify}: runs the ledger verifier once and reports; the exit code says whether the books are right. */
@Component
@ConditionalOnProperty(name = "coffer.cli.command", havingValue = "verify")
class VerifyCommand implements ApplicationRunner, ExitCodeGenerator {

    private final LedgerVerifier verifier;
    private final PrintStream out = System.out;
    private int exitCode = 1;

    VerifyCommand(LedgerVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public void run(ApplicationArguments args) {
        out.println("Verifying the ledger…");
        var report = verifier.verify();
        for (var currency : report.currencies()) {
            out.printf("  %s: %d accounts, sum %d%s%n", currency.currency(), currency.accounts(), currency.sum(),
                    currency.sum() == 0 ? " (balanced)" : " (NOT ZERO)");
        }
        out.printf("  audit chain: %d rows checked%n", report.auditRows());
        if (report.ok()) {
            out.println("OK: every currency sums to zero, every balance matches its entries, the audit chain is intact.");
            exitCode = 0;
            return;
        }
        out.println("PROBLEMS (" + report.problems().size() + "):");
        report.problems().forEach(problem -> out.println("  - " + problem));
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
