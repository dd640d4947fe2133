package dev.coffer.ledger.engine;

import dev.coffer.platform.Db;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the locked accounts with limits have spent in the current UTC day and month: their debits of transfers and
 * payments, plus their holds still pending. A separate statement after the lock on purpose: under READ COMMITTED
 * each statement sees everything committed before it began, so this one sees the entries of every transaction that
 * held the account's lock before us (a subquery inside the locking SELECT would read its older snapshot). Index
 * range scans of the month's rows of those accounts only; accounts without limits cost nothing.
 */
@Repository
class SpendingStore {

    private final JdbcClient jdbc;

    SpendingStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void loadSpent(Map<String, AccountState> accounts, Instant now) {
        var limited = accounts.values().stream().filter(a -> a.spending != null).map(a -> a.id)
                .toArray(String[]::new);
        if (limited.length == 0) {
            return;
        }
        var day = now.truncatedTo(ChronoUnit.DAYS);
        var month = now.atOffset(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        jdbc.sql("""
                        SELECT acc.id,
                               COALESCE(s.day, 0) + COALESCE(h.day, 0) AS spent_today,
                               COALESCE(s.month, 0) + COALESCE(h.month, 0) AS spent_month
                        FROM unnest(:ids::text[]) AS acc(id)
                        LEFT JOIN LATERAL (
                            SELECT sum(-e.amount) FILTER (WHERE e.created_at >= :day) AS day, sum(-e.amount) AS month
                            FROM entries e JOIN transfers t ON t.id = e.transfer_id
                            WHERE e.account_id = acc.id AND e.created_at >= :month AND e.side = 'debit'
                              AND t.kind IN ('transfer', 'payment')) s ON true
                        LEFT JOIN LATERAL (
                            SELECT sum(amount) FILTER (WHERE created_at >= :day) AS day, sum(amount) AS month
                            FROM holds
                            WHERE account_id = acc.id AND created_at >= :month AND status = 'pending'
                              AND expires_at > :now) h ON true
                        """)
                .param("ids", limited).param("day", Db.at(day)).param("month", Db.at(month))
                .param("now", Db.at(now))
                .query(rs -> {
                    var spending = accounts.get(rs.getString("id")).spending;
                    spending.spentToday = rs.getLong("spent_today");
                    spending.spentThisMonth = rs.getLong("spent_month");
                });
    }
}
