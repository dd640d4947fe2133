package dev.coffer.ledger;

import dev.coffer.platform.db.LongStatements;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checks the books from scratch, in one consistent snapshot: every currency sums to zero, every balance equals the
 * sum of its entries (numbered without gaps, each {@code balance_after} following from the one before), every
 * transfer is one debit and one credit of its amount, no customer or merchant is below zero available, pending
 * equals the open holds. (The audit log's hash chain is the audit module's to check; the admin endpoint and the
 * {@code verify} command report both.)
 */
@Component
public class LedgerVerifier {

    private static final int MAX_PROBLEMS_PER_CHECK = 20;

    private final JdbcClient jdbc;
    private final DataSource dataSource;

    LedgerVerifier(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    public record CurrencyTotal(String currency, long sum, long accounts) {
    }

    public record Report(boolean ok, List<CurrencyTotal> currencies, List<String> problems) {
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Report verify() {
        // Full scans of every entry: on a large ledger they outlast the socket timeout that guards requests.
        LongStatements.liftForCurrentTransaction(dataSource);
        var problems = new ArrayList<String>();
        var currencies = jdbc.sql("""
                        SELECT currency, sum(ledger_balance)::bigint AS total, count(*) AS accounts
                        FROM accounts GROUP BY currency ORDER BY currency
                        """)
                .query((rs, n) -> new CurrencyTotal(rs.getString("currency"), rs.getLong("total"),
                        rs.getLong("accounts")))
                .list();
        currencies.stream().filter(c -> c.sum() != 0).forEach(c ->
                problems.add(c.currency() + " does not sum to zero: " + c.sum()));
        check(problems, "balance differs from its entries", """
                SELECT a.id || ': balance ' || a.ledger_balance || ', entries sum ' || coalesce(e.total, 0)
                       || ', ' || a.entry_count || ' entries counted, ' || coalesce(e.n, 0) || ' found'
                FROM accounts a
                LEFT JOIN (SELECT account_id, sum(amount) AS total, count(*) AS n, max(entry_no) AS last
                           FROM entries GROUP BY account_id) e ON e.account_id = a.id
                WHERE a.ledger_balance <> coalesce(e.total, 0) OR a.entry_count <> coalesce(e.n, 0)
                   OR a.entry_count <> coalesce(e.last, 0)
                """);
        check(problems, "entry chain broken", """
                SELECT account_id || ' entry ' || entry_no || ': balance_after ' || balance_after
                       || ' but the previous balance plus the amount is ' || expected
                FROM (SELECT account_id, entry_no, balance_after,
                             lag(balance_after, 1, 0::bigint) OVER w + amount AS expected
                      FROM entries WINDOW w AS (PARTITION BY account_id ORDER BY entry_no)) chain
                WHERE balance_after <> expected
                """);
        check(problems, "transfer not balanced", """
                SELECT t.id || ': ' || count(e.*) || ' entries summing to ' || coalesce(sum(e.amount), 0)
                FROM transfers t LEFT JOIN entries e ON e.transfer_id = t.id
                GROUP BY t.id
                HAVING count(e.*) <> 2 OR coalesce(sum(e.amount), 0) <> 0
                """);
        check(problems, "negative available", """
                SELECT id || ': available ' || (ledger_balance - pending)
                FROM accounts WHERE kind <> 'system' AND ledger_balance - pending < 0
                """);
        check(problems, "pending differs from open holds", """
                SELECT a.id || ': pending ' || a.pending || ', open holds ' || coalesce(h.total, 0)
                FROM accounts a
                LEFT JOIN (SELECT account_id, sum(amount) AS total FROM holds WHERE status = 'pending'
                           GROUP BY account_id) h ON h.account_id = a.id
                WHERE a.pending <> coalesce(h.total, 0)
                """);
        return new Report(problems.isEmpty(), currencies, List.copyOf(problems));
    }

    private void check(List<String> problems, String what, String sql) {
        jdbc.sql(sql + " LIMIT " + MAX_PROBLEMS_PER_CHECK).query(String.class).list()
                .forEach(detail -> problems.add(what + ": " + detail));
    }
}
