package dev.coffer.ledger.account;

import dev.coffer.platform.Db;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * An account's balances as they were at an instant, with one indexed read each: the ledger balance is the
 * {@code balance_after} of the last entry at or before the instant (one probe of {@code entries (account_id,
 * created_at, entry_no)}); pending is the sum of the holds live then, {@code created_at <= t < min(ended_at,
 * expires_at)} (a range scan of {@code holds (account_id, created_at)} with the end times in the index).
 */
@Repository
public class BalanceHistory {

    static final String LEDGER_AT = """
            SELECT balance_after FROM entries WHERE account_id = :account AND created_at <= :at
            ORDER BY created_at DESC, entry_no DESC LIMIT 1
            """;
    static final String PENDING_AT = """
            SELECT coalesce(sum(amount), 0) FROM holds
            WHERE account_id = :account AND created_at <= :at
              AND :at < least(coalesce(ended_at, 'infinity'::timestamptz), expires_at)
            """;

    private final JdbcClient jdbc;

    BalanceHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Balances at {@code at}, in minor units. */
    public record Balances(long ledger, long pending) {
        public long available() {
            return ledger - pending;
        }
    }

    public Balances at(String accountId, Instant at) {
        long ledger = jdbc.sql(LEDGER_AT).param("account", accountId).param("at", Db.at(at))
                .query(Long.class).optional().orElse(0L);
        long pending = jdbc.sql(PENDING_AT).param("account", accountId).param("at", Db.at(at))
                .query(Long.class).single();
        return new Balances(ledger, pending);
    }
}
