package dev.coffer.ledger.engine;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code account_spending} rows of the locked accounts with limits: read right after the lock, written with the
 * postings. A statement of its own after the locking one on purpose: under READ COMMITTED each statement sees what
 * was committed before it began, so this one sees the row as the transaction that held the lock before us left it
 * (a join in the locking SELECT would give the row as it was before we waited). Accounts without limits cost nothing.
 */
@Repository
class SpendingStore {

    private final JdbcClient jdbc;

    SpendingStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void load(Map<String, AccountState> accounts, Instant now) {
        var limited = accounts.values().stream().filter(a -> a.spending != null).toList();
        if (limited.isEmpty()) {
            return;
        }
        // No row yet (it is made when limits are first set): nothing counted, saved as a new row.
        limited.forEach(a -> a.spending.load(null, 0, null, 0, now));
        jdbc.sql("SELECT account_id, day, spent_day, month, spent_month FROM account_spending "
                        + "WHERE account_id = ANY(:ids::text[])")
                .param("ids", limited.stream().map(a -> a.id).toArray(String[]::new))
                .query(rs -> {
                    accounts.get(rs.getString("account_id")).spending.load(rs.getObject("day", LocalDate.class),
                            rs.getLong("spent_day"), rs.getObject("month", LocalDate.class), rs.getLong("spent_month"),
                            now);
                });
    }

    void save(Map<String, AccountState> accounts) {
        var changed = accounts.values().stream().filter(a -> a.spending != null && a.spending.changed).toList();
        if (changed.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO account_spending (account_id, day, spent_day, month, spent_month)
                        SELECT * FROM unnest(:ids::text[], :days::date[], :spentDays::bigint[], :months::date[],
                                             :spentMonths::bigint[])
                        ON CONFLICT (account_id) DO UPDATE SET day = EXCLUDED.day, spent_day = EXCLUDED.spent_day,
                            month = EXCLUDED.month, spent_month = EXCLUDED.spent_month
                        """)
                .param("ids", changed.stream().map(a -> a.id).toArray(String[]::new))
                .param("days", changed.stream().map(a -> a.spending.day.toString()).toArray(String[]::new))
                .param("spentDays", changed.stream().mapToLong(a -> a.spending.spentToday).toArray())
                .param("months", changed.stream().map(a -> a.spending.month.toString()).toArray(String[]::new))
                .param("spentMonths", changed.stream().mapToLong(a -> a.spending.spentThisMonth).toArray())
                .update();
    }
}
