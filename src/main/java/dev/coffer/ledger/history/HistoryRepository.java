package dev.coffer.ledger.history;

import dev.coffer.ledger.AccountKind;
import dev.coffer.platform.Db;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * History reads: one indexed query per page on {@code entries (account_id, entry_no)}, newest first. Entry
 * numbers are per account and only grow, so a cursor on them is stable while new transfers arrive, and
 * "entries up to number N" is the same set on the primary and on any replica that has replayed entry N: every query
 * is bounded by such a watermark so that it may run on either (see {@link dev.coffer.platform.db.ReplicaReads}).
 * Each method takes the database to ask.
 */
@Repository
class HistoryRepository {

    private static final String SELECT = """
            SELECT e.entry_no, e.amount, e.balance_after, e.created_at, t.id, t.kind, t.description, t.reference,
                   c.id AS counterparty_id, c.kind AS counterparty_kind, c.owner_id AS counterparty_owner,
                   c.name AS counterparty_account_name
            FROM entries e
            JOIN transfers t ON t.id = e.transfer_id
            JOIN accounts c ON c.id = CASE WHEN e.side = 'debit' THEN t.to_account_id ELSE t.from_account_id END
            WHERE e.account_id = :account AND e.entry_no <= :upTo AND e.created_at >= :from AND e.created_at < :to
            """;

    /** A history row before the counterparty's owner name is looked up in the identity module. */
    record RawRow(long entryNo, long amount, long balanceAfter, Instant createdAt, String transferId, String kind,
            String description, String reference, String counterpartyId, AccountKind counterpartyKind,
            String counterpartyOwner, String counterpartyAccountName) {
    }

    /** True when {@code db} holds the account's entries up to {@code entryNo} (a replica may not yet). */
    static boolean hasEntriesUpTo(JdbcClient db, String accountId, long entryNo) {
        return db.sql("SELECT entry_count >= :upTo FROM accounts WHERE id = :account")
                .param("upTo", entryNo).param("account", accountId)
                .query(Boolean.class).optional().orElse(false);
    }

    List<RawRow> page(JdbcClient db, String accountId, long upToEntryNo, long beforeEntryNo, Instant from,
            Instant to, int limit) {
        return db.sql(SELECT + " AND e.entry_no < :before ORDER BY e.entry_no DESC LIMIT :limit")
                .param("account", accountId).param("upTo", upToEntryNo)
                .param("from", Db.at(from)).param("to", Db.at(to))
                .param("before", beforeEntryNo).param("limit", limit)
                .query(HistoryRepository::map).list();
    }

    /** Streams a date range oldest first (statements); call inside a transaction so the fetch size applies. */
    void range(JdbcClient db, String accountId, long upToEntryNo, Instant from, Instant to, int maxRows,
            Consumer<RawRow> sink) {
        db.sql(SELECT + " ORDER BY e.entry_no LIMIT :limit")
                .param("account", accountId).param("upTo", upToEntryNo)
                .param("from", Db.at(from)).param("to", Db.at(to))
                .param("limit", maxRows)
                .withFetchSize(500)
                .query(rs -> {
                    sink.accept(map(rs, 0));
                });
    }

    private static RawRow map(ResultSet rs, int row) throws SQLException {
        return new RawRow(rs.getLong("entry_no"), rs.getLong("amount"), rs.getLong("balance_after"),
                Db.instant(rs, "created_at"), rs.getString("id"), rs.getString("kind"), rs.getString("description"),
                rs.getString("reference"), rs.getString("counterparty_id"),
                AccountKind.fromDb(rs.getString("counterparty_kind")), rs.getString("counterparty_owner"),
                rs.getString("counterparty_account_name"));
    }
}
