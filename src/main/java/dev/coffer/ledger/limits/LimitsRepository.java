package dev.coffer.ledger.limits;

import dev.coffer.ledger.limits.SpendingLimits.Limits;
import dev.coffer.platform.Db;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code account_limits} table (the ledger engine reads it too, when it locks accounts). */
@Repository
class LimitsRepository {

    private final JdbcClient jdbc;

    LimitsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes the account's row lock, the one transfers take, so limit changes and transfers of the account are
     * ordered, and concurrent changes do not overwrite each other.
     */
    void lockAccount(String accountId) {
        jdbc.sql("SELECT id FROM accounts WHERE id = :id FOR UPDATE").param("id", accountId).query(String.class)
                .single();
    }

    /**
     * Starts the account's spending counters (once, under the account lock, when limits are first set) from the
     * ledger's own rows: its debits of transfers and payments since the UTC day's and month's start, and its holds
     * still live. From then on the ledger engine keeps them, in the transactions that spend.
     */
    void startSpending(String accountId, Instant now) {
        var day = now.atOffset(ZoneOffset.UTC).toLocalDate();
        var month = day.withDayOfMonth(1);
        jdbc.sql("""
                        INSERT INTO account_spending (account_id, day, spent_day, month, spent_month)
                        SELECT :id, :day, COALESCE(s.day, 0) + COALESCE(h.day, 0), :month,
                               COALESCE(s.month, 0) + COALESCE(h.month, 0)
                        FROM (SELECT sum(-e.amount) FILTER (WHERE e.created_at >= :dayStart) AS day,
                                     sum(-e.amount) AS month
                              FROM entries e JOIN transfers t ON t.id = e.transfer_id
                              WHERE e.account_id = :id AND e.created_at >= :monthStart AND e.side = 'debit'
                                AND t.kind IN ('transfer', 'payment')) s,
                             (SELECT sum(amount) FILTER (WHERE created_at >= :dayStart) AS day, sum(amount) AS month
                              FROM holds
                              WHERE account_id = :id AND created_at >= :monthStart AND status = 'pending'
                                AND expires_at > :now) h
                        ON CONFLICT (account_id) DO NOTHING
                        """)
                .param("id", accountId).param("day", day).param("month", month)
                .param("dayStart", Db.at(day.atStartOfDay(ZoneOffset.UTC).toInstant()))
                .param("monthStart", Db.at(month.atStartOfDay(ZoneOffset.UTC).toInstant()))
                .param("now", Db.at(now))
                .update();
    }

    Optional<SpendingLimits> find(String accountId) {
        return jdbc.sql("""
                        SELECT per_transfer, daily, monthly, pending_per_transfer, pending_daily, pending_monthly,
                               pending_effective_at
                        FROM account_limits WHERE account_id = :id
                        """)
                .param("id", accountId)
                .query((rs, row) -> {
                    var effectiveAt = Db.instant(rs, "pending_effective_at");
                    var current = new Limits(value(rs, "per_transfer"), value(rs, "daily"), value(rs, "monthly"));
                    var pending = effectiveAt == null ? null : new Limits(value(rs, "pending_per_transfer"),
                            value(rs, "pending_daily"), value(rs, "pending_monthly"));
                    return new SpendingLimits(current, pending, effectiveAt);
                })
                .optional();
    }

    void save(String accountId, SpendingLimits limits, Instant now) {
        var pending = limits.pending() == null ? Limits.NONE : limits.pending();
        jdbc.sql("""
                        INSERT INTO account_limits (account_id, per_transfer, daily, monthly, pending_per_transfer,
                                                    pending_daily, pending_monthly, pending_effective_at, updated_at)
                        VALUES (:id, :perTransfer, :daily, :monthly, :pPerTransfer, :pDaily, :pMonthly, :effectiveAt,
                                :now)
                        ON CONFLICT (account_id) DO UPDATE SET
                            per_transfer = EXCLUDED.per_transfer, daily = EXCLUDED.daily, monthly = EXCLUDED.monthly,
                            pending_per_transfer = EXCLUDED.pending_per_transfer,
                            pending_daily = EXCLUDED.pending_daily, pending_monthly = EXCLUDED.pending_monthly,
                            pending_effective_at = EXCLUDED.pending_effective_at, updated_at = EXCLUDED.updated_at
                        """)
                .param("id", accountId)
                .param("perTransfer", limits.current().perTransfer())
                .param("daily", limits.current().daily())
                .param("monthly", limits.current().monthly())
                .param("pPerTransfer", pending.perTransfer())
                .param("pDaily", pending.daily())
                .param("pMonthly", pending.monthly())
                .param("effectiveAt", limits.pendingEffectiveAt() == null ? null : Db.at(limits.pendingEffectiveAt()))
                .param("now", Db.at(now))
                .update();
    }

    private static Long value(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
