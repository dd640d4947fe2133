package dev.coffer.ledger.history;

import dev.coffer.platform.Db;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes {@code count} transfers of 1 minor unit from one account to another straight into the ledger tables, one
 * second apart from {@code firstAt}: a big history in a second, as the API would have written it (numbered,
 * balanced, balances after each entry, account totals), so every database constraint still holds.
 */
public final class BulkHistory {

    private BulkHistory() {
    }

    public static void transfers(JdbcClient jdbc, String fromAccount, String toAccount, int count, Instant firstAt) {
        var tag = Long.toString(System.nanoTime(), 36);
        jdbc.sql("""
                WITH src AS (SELECT entry_count AS n, ledger_balance AS b, currency FROM accounts WHERE id = :from),
                     dst AS (SELECT entry_count AS n, ledger_balance AS b FROM accounts WHERE id = :to),
                     t AS (INSERT INTO transfers (id, kind, from_account_id, to_account_id, amount, currency,
                                                  description, created_at)
                           SELECT 'tr_bulk' || :tag || 'x' || i, 'transfer', :from, :to, 1, src.currency,
                                  'bulk ' || i, :firstAt + i * interval '1 second'
                           FROM src, generate_series(1, :count) i
                           RETURNING id),
                     d AS (INSERT INTO entries (transfer_id, side, account_id, entry_no, amount, balance_after,
                                                created_at)
                           SELECT 'tr_bulk' || :tag || 'x' || i, 'debit', :from, src.n + i, -1, src.b - i,
                                  :firstAt + i * interval '1 second'
                           FROM src, generate_series(1, :count) i)
                INSERT INTO entries (transfer_id, side, account_id, entry_no, amount, balance_after, created_at)
                SELECT 'tr_bulk' || :tag || 'x' || i, 'credit', :to, dst.n + i, 1, dst.b + i,
                       :firstAt + i * interval '1 second'
                FROM dst, generate_series(1, :count) i
                """)
                .param("from", fromAccount).param("to", toAccount).param("tag", tag).param("count", count)
                .param("firstAt", Db.at(firstAt))
                .update();
        jdbc.sql("""
                UPDATE accounts SET ledger_balance = ledger_balance + CASE WHEN id = :to THEN :count ELSE -:count END,
                                    entry_count = entry_count + :count
                WHERE id IN (:from, :to)
                """)
                .param("from", fromAccount).param("to", toAccount).param("count", count)
                .update();
    }
}
