package dev.coffer.ledger.engine;

import dev.coffer.ledger.AccountKind;
import dev.coffer.ledger.AccountStatus;
import dev.coffer.ledger.HoldStatus;
import dev.coffer.platform.Db;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The engine's SQL: lock what a batch touches, then write what the planner decided with one statement per table
 * (arrays through {@code unnest}), however many operations the batch holds.
 */
@Repository
class LedgerStore {

    private final JdbcClient jdbc;

    LedgerStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Locks holds in id order. Holds are always locked before accounts, and both in id order, by every
     * transaction: with one global lock order, deadlocks cannot happen.
     */
    Map<String, HoldRow> lockHolds(Collection<String> holdIds) {
        var holds = new LinkedHashMap<String, HoldRow>();
        if (holdIds.isEmpty()) {
            return holds;
        }
        jdbc.sql("""
                        SELECT id, account_id, to_account_id, amount, currency, status, captured_amount,
                               capture_transfer_id, reference, created_at, expires_at, ended_at
                        FROM holds WHERE id = ANY(:ids::text[]) ORDER BY id FOR UPDATE
                        """)
                .param("ids", holdIds.toArray(String[]::new))
                .query(rs -> {
                    holds.put(rs.getString("id"), new HoldRow(rs.getString("id"), rs.getString("account_id"),
                            rs.getString("to_account_id"), rs.getLong("amount"), rs.getString("currency"),
                            HoldStatus.fromDb(rs.getString("status")), rs.getLong("captured_amount"),
                            rs.getString("capture_transfer_id"), rs.getString("reference"),
                            Db.instant(rs, "created_at"), Db.instant(rs, "expires_at"), Db.instant(rs, "ended_at")));
                });
        return holds;
    }

    /** Locks accounts in id order ({@code SELECT … FOR UPDATE}); unknown ids are simply absent. */
    Map<String, AccountState> lockAccounts(Collection<String> accountIds) {
        var accounts = new LinkedHashMap<String, AccountState>();
        if (accountIds.isEmpty()) {
            return accounts;
        }
        jdbc.sql("""
                        SELECT id, kind, currency, status, ledger_balance, pending, entry_count
                        FROM accounts WHERE id = ANY(:ids::text[]) ORDER BY id FOR UPDATE
                        """)
                .param("ids", accountIds.toArray(String[]::new))
                .query(rs -> {
                    accounts.put(rs.getString("id"), new AccountState(rs.getString("id"),
                            AccountKind.fromDb(rs.getString("kind")), rs.getString("currency"),
                            AccountStatus.fromDb(rs.getString("status")), rs.getLong("ledger_balance"),
                            rs.getLong("pending"), rs.getLong("entry_count")));
                });
        return accounts;
    }

    void write(Plan plan, Instant now) {
        insertTransfers(plan.transfers, now);
        insertEntries(plan.entries, now);
        insertHolds(plan.newHolds);
        endHolds(plan.endedHolds);
        updateAccounts(plan.changedAccounts);
    }

    private void insertTransfers(List<TransferRow> rows, Instant now) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO transfers (id, kind, from_account_id, to_account_id, amount, currency, description,
                                               initiated_by, reference, created_at)
                        SELECT id, kind, from_id, to_id, amount, currency, description, initiated_by, reference, :now
                        FROM unnest(:ids::text[], :kinds::text[], :froms::text[], :tos::text[], :amounts::bigint[],
                                    :currencies::text[], :descriptions::text[], :initiators::text[], :references::text[])
                             AS t(id, kind, from_id, to_id, amount, currency, description, initiated_by, reference)
                        """)
                .param("now", Db.at(now))
                .param("ids", rows.stream().map(TransferRow::id).toArray(String[]::new))
                .param("kinds", rows.stream().map(r -> r.kind().dbName()).toArray(String[]::new))
                .param("froms", rows.stream().map(TransferRow::fromAccountId).toArray(String[]::new))
                .param("tos", rows.stream().map(TransferRow::toAccountId).toArray(String[]::new))
                .param("amounts", rows.stream().mapToLong(TransferRow::amount).toArray())
                .param("currencies", rows.stream().map(TransferRow::currency).toArray(String[]::new))
                .param("descriptions", rows.stream().map(TransferRow::description).toArray(String[]::new))
                .param("initiators", rows.stream().map(TransferRow::initiatedBy).toArray(String[]::new))
                .param("references", rows.stream().map(TransferRow::reference).toArray(String[]::new))
                .update();
    }

    private void insertEntries(List<EntryRow> rows, Instant now) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO entries (transfer_id, side, account_id, entry_no, amount, balance_after, created_at)
                        SELECT transfer_id, side, account_id, entry_no, amount, balance_after, :now
                        FROM unnest(:transfers::text[], :sides::text[], :accounts::text[], :numbers::bigint[],
                                    :amounts::bigint[], :balances::bigint[])
                             AS e(transfer_id, side, account_id, entry_no, amount, balance_after)
                        """)
                .param("now", Db.at(now))
                .param("transfers", rows.stream().map(EntryRow::transferId).toArray(String[]::new))
                .param("sides", rows.stream().map(e -> e.debit() ? "debit" : "credit").toArray(String[]::new))
                .param("accounts", rows.stream().map(EntryRow::accountId).toArray(String[]::new))
                .param("numbers", rows.stream().mapToLong(EntryRow::entryNo).toArray())
                .param("amounts", rows.stream().mapToLong(EntryRow::amount).toArray())
                .param("balances", rows.stream().mapToLong(EntryRow::balanceAfter).toArray())
                .update();
    }

    private void insertHolds(List<HoldRow> rows) {
        for (var hold : rows) {
            jdbc.sql("""
                            INSERT INTO holds (id, account_id, to_account_id, amount, currency, status, reference,
                                               created_at, expires_at)
                            VALUES (:id, :account, :to, :amount, :currency, 'pending', :reference, :createdAt, :expiresAt)
                            """)
                    .param("id", hold.id()).param("account", hold.accountId()).param("to", hold.toAccountId())
                    .param("amount", hold.amount()).param("currency", hold.currency())
                    .param("reference", hold.reference()).param("createdAt", Db.at(hold.createdAt()))
                    .param("expiresAt", Db.at(hold.expiresAt()))
                    .update();
        }
    }

    private void endHolds(List<HoldRow> rows) {
        for (var hold : rows) {
            jdbc.sql("""
                            UPDATE holds SET status = :status, captured_amount = :captured,
                                             capture_transfer_id = :transfer, ended_at = :endedAt
                            WHERE id = :id AND status = 'pending'
                            """)
                    .param("status", hold.status().dbName()).param("captured", hold.capturedAmount())
                    .param("transfer", hold.captureTransferId()).param("endedAt", Db.at(hold.endedAt()))
                    .param("id", hold.id())
                    .update();
        }
    }

    private void updateAccounts(Collection<AccountState> accounts) {
        if (accounts.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        UPDATE accounts a
                        SET ledger_balance = v.ledger, pending = v.pending, entry_count = v.entry_count
                        FROM unnest(:ids::text[], :ledgers::bigint[], :pendings::bigint[], :counts::bigint[])
                             AS v(id, ledger, pending, entry_count)
                        WHERE a.id = v.id
                        """)
                .param("ids", accounts.stream().map(a -> a.id).toArray(String[]::new))
                .param("ledgers", accounts.stream().mapToLong(a -> a.ledger).toArray())
                .param("pendings", accounts.stream().mapToLong(a -> a.pending).toArray())
                .param("counts", accounts.stream().mapToLong(a -> a.entryCount).toArray())
                .update();
    }
}
