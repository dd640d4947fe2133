package dev.coffer.ledger.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The verifier finds what it must find. Corruption is staged inside a transaction that bypasses the database's own
 * guards ({@code session_replication_role = replica} switches triggers off) and is rolled back afterwards.
 */
class LedgerVerifierTest extends IntegrationTest {

    @Autowired
    BooksCheck verifier;
    @Autowired
    TransactionTemplate tx;

    @Test
    void aHealthyLedgerPasses() {
        var shop = newShop();
        shop.fundedAccount(newUser("saver"), "EUR", 5_000);
        var report = verifier.run();
        assertThat(report.ok()).as(report.problems().toString()).isTrue();
        assertThat(report.currencies()).isNotEmpty().allSatisfy(c -> assertThat(c.sum()).isZero());
    }

    @Test
    void aBalanceThatDiffersFromItsEntriesIsReported() {
        var account = newShop().fundedAccount(newUser("victim"), "EUR", 5_000);
        var problems = corrupted("UPDATE accounts SET ledger_balance = ledger_balance + 1 WHERE id = '" + account + "'");
        assertThat(problems).anyMatch(p -> p.startsWith("EUR does not sum to zero"))
                .anyMatch(p -> p.startsWith("balance differs from its entries: " + account));
    }

    @Test
    void aBrokenEntryChainIsReported() {
        var account = newShop().fundedAccount(newUser("chain"), "EUR", 5_000);
        var problems = corrupted("UPDATE entries SET balance_after = 4 WHERE account_id = '" + account + "'");
        assertThat(problems).anyMatch(p -> p.startsWith("entry chain broken: " + account));
    }

    @Test
    void anAlteredAuditRowIsReported() {
        newUser("audited");
        var problems = corrupted("UPDATE audit_events SET data = '{\"forged\":true}' WHERE seq = 1");
        assertThat(problems).anyMatch(p -> p.equals("audit row 1 was altered: its hash does not match its content"));
    }

    private java.util.List<String> corrupted(String sql) {
        return tx.execute(status -> {
            jdbc.sql("SET LOCAL session_replication_role = replica").update();
            jdbc.sql(sql).update();
            var problems = verifier.run().problems();
            status.setRollbackOnly();
            return problems;
        });
    }
}
