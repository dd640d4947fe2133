package dev.coffer.ledger.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.ledger.TransferKind;
import dev.coffer.ledger.account.SettlementAccounts;
import dev.coffer.platform.CurrencyCode;
import dev.coffer.platform.Ids;
import dev.coffer.support.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionTemplate;

/** The database refuses what the code must never do, even if the code tried: the last line of defence. */
class LedgerConstraintsTest extends IntegrationTest {

    @Autowired
    LedgerEngine engine;
    @Autowired
    SettlementAccounts settlement;
    @Autowired
    TransactionTemplate tx;

    private String from;
    private String to;
    private String transferId;

    @BeforeEach
    void setUp() {
        var ledger = new LedgerFixture(api, engine, settlement, tx);
        from = ledger.openAccount(newUser("alice").token(), "EUR");
        to = ledger.openAccount(newUser("bob").token(), "EUR");
        ledger.fund(from, "EUR", 1_000);
        transferId = jdbc.sql("SELECT transfer_id FROM entries WHERE account_id = :a").param("a", from)
                .query(String.class).single();
    }

    @Test
    void transfersEntriesAndAuditAreAppendOnly() {
        assertRefused("UPDATE transfers SET amount = 1 WHERE id = '" + transferId + "'");
        assertRefused("DELETE FROM transfers WHERE id = '" + transferId + "'");
        assertRefused("UPDATE entries SET amount = 1 WHERE transfer_id = '" + transferId + "'");
        assertRefused("DELETE FROM entries WHERE transfer_id = '" + transferId + "'");
        assertRefused("TRUNCATE entries CASCADE");
        assertRefused("UPDATE audit_events SET type = 'x' WHERE seq = 1");
        assertRefused("DELETE FROM audit_events WHERE seq = 1");
    }

    @Test
    void aBalanceCannotMoveWithoutAnEntry() {
        assertRefused("UPDATE accounts SET ledger_balance = ledger_balance + 1 WHERE id = '" + from + "'");
    }

    @Test
    void aCustomerCannotGoBelowZeroAvailable() {
        assertRefused("UPDATE accounts SET pending = ledger_balance + 1 WHERE id = '" + from + "'");
    }

    @Test
    void aTransferNeedsItsDebitAndItsCredit() {
        var id = Ids.newId("tr");
        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            jdbc.sql("""
                    INSERT INTO transfers (id, kind, from_account_id, to_account_id, amount, currency, created_at)
                    VALUES (:id, 'transfer', :from, :to, 10, 'EUR', now())
                    """).param("id", id).param("from", from).param("to", to).update();
            jdbc.sql("""
                    INSERT INTO entries (transfer_id, side, account_id, entry_no, amount, balance_after, created_at)
                    VALUES (:id, 'debit', :from, 999, -10, 0, now())
                    """).param("id", id).param("from", from).update();
        })).isInstanceOfAny(DataAccessException.class, TransactionSystemException.class)
                .rootCause().hasMessageContaining("transfer " + id + " is not balanced");
        assertThat(jdbc.sql("SELECT count(*) FROM transfers WHERE id = :id").param("id", id)
                .query(Long.class).single()).isZero();
    }

    @Test
    void accountsKeepTheirOwnerAndCurrency() {
        assertRefused("UPDATE accounts SET currency = 'USD' WHERE id = '" + from + "'");
        assertRefused("DELETE FROM accounts WHERE id = '" + from + "'");
    }

    @Test
    void aRefusedOperationInABatchDoesNotStopTheOthers() {
        var eur = CurrencyCode.of("EUR");
        var ops = List.<Operation>of(
                new Operation.PostTransfer(Ids.newId("tr"), TransferKind.TRANSFER, from, to, 400, eur, null, null, null),
                new Operation.PostTransfer(Ids.newId("tr"), TransferKind.TRANSFER, from, to, 700, eur, null, null, null),
                new Operation.PostTransfer(Ids.newId("tr"), TransferKind.TRANSFER, from, to, 600, eur, null, null, null),
                new Operation.PostTransfer(Ids.newId("tr"), TransferKind.TRANSFER, to, from, 100, eur, null, null, null));
        var outcomes = tx.execute(status -> engine.apply(ops));
        assertThat(outcomes).extracting(o -> o instanceof Outcome.Applied)
                .containsExactly(true, false, true, true);
        assertThat(balance(from)).isEqualTo(1_000 - 400 - 600 + 100);
        assertThat(balance(to)).isEqualTo(400 + 600 - 100);
    }

    private long balance(String accountId) {
        return jdbc.sql("SELECT ledger_balance FROM accounts WHERE id = :id").param("id", accountId)
                .query(Long.class).single();
    }

    private void assertRefused(String sql) {
        assertThatThrownBy(() -> tx.executeWithoutResult(status -> jdbc.sql(sql).update()))
                .as(sql).isInstanceOfAny(DataAccessException.class, TransactionSystemException.class);
    }
}
