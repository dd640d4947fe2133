package dev.coffer.ledger.history;

import dev.coffer.platform.Db;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The balance a statement opens with: the ledger balance just before its first entry, exactly as that entry's own
 * {@code balance_after - amount} says (so opening + the entries = closing, to the minor unit). When the period holds
 * no entry, the balance after the last entry before its start (bounded by the statement's watermark, so the same on
 * the primary and a replica). One primary-key or index probe either way.
 */
final class OpeningBalance {

    static final String BY_NUMBER = "SELECT balance_after FROM entries WHERE account_id = :account AND entry_no = :no";
    static final String BEFORE = """
            SELECT balance_after FROM entries
            WHERE account_id = :account AND created_at < :at AND entry_no <= :upTo
            ORDER BY created_at DESC, entry_no DESC LIMIT 1
            """;

    private OpeningBalance() {
    }

    static long of(JdbcClient db, String accountId, HistoryRepository.Numbers numbers, TimeRange range, long upTo) {
        if (!numbers.isEmpty()) {
            long previous = numbers.first() - 1;
            return previous == 0 ? 0 : db.sql(BY_NUMBER).param("account", accountId).param("no", previous)
                    .query(Long.class).single();
        }
        if (!range.hasStart()) {
            return 0;
        }
        return db.sql(BEFORE).param("account", accountId).param("at", Db.at(range.from())).param("upTo", upTo)
                .query(Long.class).optional().orElse(0L);
    }
}
