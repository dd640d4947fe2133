package dev.coffer.ledger.engine;

import dev.coffer.ledger.AccountKind;
import dev.coffer.ledger.AccountStatus;
import dev.coffer.ledger.HoldStatus;
import dev.coffer.platform.Db;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
     * transaction: with one global lock order, deadlocks cannot happen. (The one exception,
     * {@link #lockExpiredHolds}, never waits for a lock.)
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
                    holds.put(rs.getString("id"), holdRow(rs));
                });
        return holds;
    }

    /** Accounts locked for a batch, and those of them with pending holds past their expiry. */
    record LockedAccounts(Map<String, AccountState> byId, Set<String> withExpiredHolds) {
    }

    /**
     * Locks accounts in id order ({@code SELECT … FOR UPDATE}); unknown ids are simply absent. Also says which of
     * them have pending holds past their expiry at {@code now}: an index probe per account, in the same round trip,
     * and their spending limits in force at {@code now} (the raised set once its 24 hours have passed).
     */
    LockedAccounts lockAccounts(Collection<String> accountIds, Instant now) {
        var accounts = new LinkedHashMap<String, AccountState>();
        var withExpiredHolds = new TreeSet<String>();
        if (accountIds.isEmpty()) {
            return new LockedAccounts(accounts, withExpiredHolds);
        }
        jdbc.sql("""
                        SELECT a.id, a.owner_id, a.kind, a.currency, a.status, a.ledger_balance, a.pending,
                               a.entry_count,
                               EXISTS (SELECT 1 FROM holds h WHERE h.account_id = a.id AND h.status = 'pending'
                                                              AND h.expires_at <= :now) AS has_expired_holds,
                               l.account_id IS NOT NULL AS has_limits,
                               CASE WHEN l.pending_effective_at <= :now THEN l.pending_per_transfer
                                    ELSE l.per_transfer END AS per_transfer,
                               CASE WHEN l.pending_effective_at <= :now THEN l.pending_daily ELSE l.daily END AS daily,
                               CASE WHEN l.pending_effective_at <= :now THEN l.pending_monthly
                                    ELSE l.monthly END AS monthly
                        FROM accounts a LEFT JOIN account_limits l ON l.account_id = a.id
                        WHERE a.id = ANY(:ids::text[]) ORDER BY a.id FOR UPDATE OF a
                        """)
                .param("ids", accountIds.toArray(String[]::new)).param("now", Db.at(now))
                .query(rs -> {
                    accounts.put(rs.getString("id"), new AccountState(rs.getString("id"), rs.getString("owner_id"),
                            AccountKind.fromDb(rs.getString("kind")), rs.getString("currency"),
                            AccountStatus.fromDb(rs.getString("status")), rs.getLong("ledger_balance"),
                            rs.getLong("pending"), rs.getLong("entry_count")));
                    if (rs.getBoolean("has_limits")) {
                        accounts.get(rs.getString("id")).spending = new Spending(limit(rs, "per_transfer"),
                                limit(rs, "daily"), limit(rs, "monthly"));
                    }
                    if (rs.getBoolean("has_expired_holds")) {
                        withExpiredHolds.add(rs.getString("id"));
                    }
                });
        return new LockedAccounts(accounts, withExpiredHolds);
    }

    /** A limit column: null (no limit) as {@link Spending#NO_LIMIT}. */
    private static long limit(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? Spending.NO_LIMIT : value;
    }

    /**
     * Locks up to {@code limit} pending holds of {@code accountIds} past their expiry at {@code now}, except
     * {@code excludedIds} (the holds the batch's own operations act on). Called after the accounts are locked, so it
     * breaks the holds-before-accounts order, and therefore never waits: {@code SKIP LOCKED} leaves a hold another
     * transaction has locked to that transaction, which will end it (or leave it pending) once it gets the account
     * lock we hold. Skipping one only keeps its amount counted a little longer; it is never released twice, since
     * releasing needs its lock.
     */
    Map<String, HoldRow> lockExpiredHolds(Collection<String> accountIds, Collection<String> excludedIds, Instant now,
            int limit) {
        var holds = new LinkedHashMap<String, HoldRow>();
        if (accountIds.isEmpty()) {
            return holds;
        }
        jdbc.sql("""
                        SELECT id, account_id, to_account_id, amount, currency, status, captured_amount,
                               capture_transfer_id, reference, created_at, expires_at, ended_at
                        FROM holds
                        WHERE account_id = ANY(:accounts::text[]) AND status = 'pending' AND expires_at <= :now
                          AND id <> ALL(:excluded::text[])
                        ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED
                        """)
                .param("accounts", accountIds.toArray(String[]::new))
                .param("excluded", excludedIds.toArray(String[]::new))
                .param("now", Db.at(now)).param("limit", limit)
                .query(rs -> {
                    holds.put(rs.getString("id"), holdRow(rs));
                });
        return holds;
    }

    private static HoldRow holdRow(ResultSet rs) throws SQLException {
        return new HoldRow(rs.getString("id"), rs.getString("account_id"), rs.getString("to_account_id"),
                rs.getLong("amount"), rs.getString("currency"), HoldStatus.fromDb(rs.getString("status")),
                rs.getLong("captured_amount"), rs.getString("capture_transfer_id"), rs.getString("reference"),
                Db.instant(rs, "created_at"), Db.instant(rs, "expires_at"), Db.instant(rs, "ended_at"));
    }

    /**
     * Writes the plan. Transfers, entries and account balances go in one statement (data-modifying CTEs), so a
     * batch pays one round trip for them instead of three; foreign keys are checked at the end of the statement,
     * when all three are in. Holds come after, since an ended hold points at its capture transfer.
     */
    void write(Plan plan, Instant now) {
        writePostings(plan.transfers, plan.entries, plan.changedAccounts, now);
        insertHolds(plan.newHolds);
        endHolds(plan.endedHolds);
    }

    private void writePostings(List<TransferRow> transfers, List<EntryRow> entries,
            Collection<AccountState> accounts, Instant now) {
        if (transfers.isEmpty() && entries.isEmpty() && accounts.isEmpty()) {
            return;
        }
        var parts = new ArrayList<String>();
        if (!transfers.isEmpty()) {
            parts.add(INSERT_TRANSFERS);
        }
        if (!entries.isEmpty()) {
            parts.add(INSERT_ENTRIES);
        }
        var sql = (parts.isEmpty() ? "" : "WITH " + String.join(",\n", parts) + "\n")
                + (accounts.isEmpty() ? "SELECT 1" : UPDATE_ACCOUNTS);
        var statement = jdbc.sql(sql).param("now", Db.at(now));
        if (!transfers.isEmpty()) {
            statement = statement
                    .param("t_ids", transfers.stream().map(TransferRow::id).toArray(String[]::new))
                    .param("t_kinds", transfers.stream().map(r -> r.kind().dbName()).toArray(String[]::new))
                    .param("t_froms", transfers.stream().map(TransferRow::fromAccountId).toArray(String[]::new))
                    .param("t_tos", transfers.stream().map(TransferRow::toAccountId).toArray(String[]::new))
                    .param("t_amounts", transfers.stream().mapToLong(TransferRow::amount).toArray())
                    .param("t_currencies", transfers.stream().map(TransferRow::currency).toArray(String[]::new))
                    .param("t_descriptions", transfers.stream().map(TransferRow::description).toArray(String[]::new))
                    .param("t_initiators", transfers.stream().map(TransferRow::initiatedBy).toArray(String[]::new))
                    .param("t_references", transfers.stream().map(TransferRow::reference).toArray(String[]::new));
        }
        if (!entries.isEmpty()) {
            statement = statement
                    .param("e_transfers", entries.stream().map(EntryRow::transferId).toArray(String[]::new))
                    .param("e_sides", entries.stream().map(e -> e.debit() ? "debit" : "credit").toArray(String[]::new))
                    .param("e_accounts", entries.stream().map(EntryRow::accountId).toArray(String[]::new))
                    .param("e_numbers", entries.stream().mapToLong(EntryRow::entryNo).toArray())
                    .param("e_amounts", entries.stream().mapToLong(EntryRow::amount).toArray())
                    .param("e_balances", entries.stream().mapToLong(EntryRow::balanceAfter).toArray());
        }
        if (!accounts.isEmpty()) {
            statement = statement
                    .param("a_ids", accounts.stream().map(a -> a.id).toArray(String[]::new))
                    .param("a_ledgers", accounts.stream().mapToLong(a -> a.ledger).toArray())
                    .param("a_pendings", accounts.stream().mapToLong(a -> a.pending).toArray())
                    .param("a_counts", accounts.stream().mapToLong(a -> a.entryCount).toArray());
        }
        if (accounts.isEmpty()) {
            statement.query(Integer.class).list();
            return;
        }
        int updated = statement.update();
        // The statement's count is the accounts updated (its CTEs' rows are not counted): one per changed account.
        check(updated == accounts.size(), "accounts updated", accounts.size(), updated);
    }

    /** An invariant of the money path: a mismatch means a bug, and the transaction must not commit. */
    private static void check(boolean holds, String what, long expected, long actual) {
        if (!holds) {
            throw new IllegalStateException(what + ": expected " + expected + ", got " + actual);
        }
    }

    private static final String INSERT_TRANSFERS = """
            t AS (INSERT INTO transfers (id, kind, from_account_id, to_account_id, amount, currency, description,
                                         initiated_by, reference, created_at)
                  SELECT id, kind, from_id, to_id, amount, currency, description, initiated_by, reference, :now
                  FROM unnest(:t_ids::text[], :t_kinds::text[], :t_froms::text[], :t_tos::text[],
                              :t_amounts::bigint[], :t_currencies::text[], :t_descriptions::text[],
                              :t_initiators::text[], :t_references::text[])
                       AS t(id, kind, from_id, to_id, amount, currency, description, initiated_by, reference))""";

    private static final String INSERT_ENTRIES = """
            e AS (INSERT INTO entries (transfer_id, side, account_id, entry_no, amount, balance_after, created_at)
                  SELECT transfer_id, side, account_id, entry_no, amount, balance_after, :now
                  FROM unnest(:e_transfers::text[], :e_sides::text[], :e_accounts::text[], :e_numbers::bigint[],
                              :e_amounts::bigint[], :e_balances::bigint[])
                       AS e(transfer_id, side, account_id, entry_no, amount, balance_after))""";

    private static final String UPDATE_ACCOUNTS = """
            UPDATE accounts a
            SET ledger_balance = v.ledger, pending = v.pending, entry_count = v.entry_count
            FROM unnest(:a_ids::text[], :a_ledgers::bigint[], :a_pendings::bigint[], :a_counts::bigint[])
                 AS v(id, ledger, pending, entry_count)
            WHERE a.id = v.id""";

    private void insertHolds(List<HoldRow> rows) {
        for (var hold : rows) {
            int inserted = jdbc.sql("""
                            INSERT INTO holds (id, account_id, to_account_id, amount, currency, status, reference,
                                               created_at, expires_at)
                            VALUES (:id, :account, :to, :amount, :currency, 'pending', :reference, :createdAt, :expiresAt)
                            """)
                    .param("id", hold.id()).param("account", hold.accountId()).param("to", hold.toAccountId())
                    .param("amount", hold.amount()).param("currency", hold.currency())
                    .param("reference", hold.reference()).param("createdAt", Db.at(hold.createdAt()))
                    .param("expiresAt", Db.at(hold.expiresAt()))
                    .update();
            check(inserted == 1, "hold inserted " + hold.id(), 1, inserted);
        }
    }

    private void endHolds(List<HoldRow> rows) {
        for (var hold : rows) {
            // The hold was locked by this transaction and planned as pending: exactly one row ends.
            int ended = jdbc.sql("""
                            UPDATE holds SET status = :status, captured_amount = :captured,
                                             capture_transfer_id = :transfer, ended_at = :endedAt
                            WHERE id = :id AND status = 'pending'
                            """)
                    .param("status", hold.status().dbName()).param("captured", hold.capturedAmount())
                    .param("transfer", hold.captureTransferId()).param("endedAt", Db.at(hold.endedAt()))
                    .param("id", hold.id())
                    .update();
            check(ended == 1, "hold ended " + hold.id(), 1, ended);
        }
    }
}
