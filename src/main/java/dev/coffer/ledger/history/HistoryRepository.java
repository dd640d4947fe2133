package dev.coffer.ledger.history;

import dev.coffer.ledger.AccountKind;
import dev.coffer.platform.Db;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * History reads, each O(page) whatever the account's size: rows are found by entry number on
 * {@code UNIQUE entries (account_id, entry_no)}, newest first, an index range scan that stops at the limit. A date
 * filter is turned into an entry-number range first, with one probe of {@code entries (account_id, created_at,
 * entry_no)} at each end (an account's entries are stamped in commit order, so their times grow with their numbers,
 * to the precision of the nodes' clocks). Entry numbers are per account and only grow, so a cursor on them is
 * stable while new transfers arrive, and "entries up to number N" is the same set on the primary and on any replica
 * that has replayed entry N: every query is bounded by such a watermark so that it may run on either (see
 * {@link dev.coffer.platform.db.ReplicaReads}). Each method takes the database to ask.
 */
@Repository
class HistoryRepository {

    private static final String SELECT_FROM = """
            SELECT e.entry_no, e.amount, e.balance_after, e.created_at, t.id, t.kind, t.description, t.reference,
                   c.id AS counterparty_id, c.kind AS counterparty_kind, c.owner_id AS counterparty_owner,
                   c.name AS counterparty_account_name
            FROM entries e
            JOIN transfers t ON t.id = e.transfer_id
            JOIN accounts c ON c.id = CASE WHEN e.side = 'debit' THEN t.to_account_id ELSE t.from_account_id END
            """;
    private static final String SELECT = SELECT_FROM
            + " WHERE e.account_id = :account AND e.entry_no >= :first AND e.entry_no <= :last";
    static final String PAGE = SELECT + " ORDER BY e.entry_no DESC LIMIT :limit";
    static final String RANGE = SELECT + " ORDER BY e.entry_no LIMIT :limit";
    /** The first entry number at or after {@code :from}, and the last before {@code :to}, as the page's bounds. */
    private static final String FIRST_FROM = """
            COALESCE((SELECT entry_no FROM entries WHERE account_id = :account AND created_at >= :from
                      ORDER BY created_at, entry_no LIMIT 1), 9223372036854775807)""";
    private static final String LAST_BEFORE_TO = """
            LEAST(:last, COALESCE((SELECT entry_no FROM entries WHERE account_id = :account AND created_at < :to
                                   ORDER BY created_at DESC, entry_no DESC LIMIT 1), 0))""";
    static final String PAGE_FROM = pageWithin(true, false);
    static final String PAGE_TO = pageWithin(false, true);
    static final String PAGE_FROM_TO = pageWithin(true, true);
    static final String FIRST_AT_OR_AFTER = """
            SELECT entry_no FROM entries WHERE account_id = :account AND created_at >= :at
            ORDER BY created_at, entry_no LIMIT 1
            """;
    static final String LAST_BEFORE = """
            SELECT entry_no FROM entries WHERE account_id = :account AND created_at < :at
            ORDER BY created_at DESC, entry_no DESC LIMIT 1
            """;

    /** A history row before the counterparty's owner name is looked up in the identity module. */
    record RawRow(long entryNo, long amount, long balanceAfter, Instant createdAt, String transferId, String kind,
            String description, String reference, String counterpartyId, AccountKind counterpartyKind,
            String counterpartyOwner, String counterpartyAccountName) {
    }

    /** Entry numbers {@code first..last} (inclusive); empty when {@code first > last}. */
    record Numbers(long first, long last) {
        static final Numbers NONE = new Numbers(1, 0);

        boolean isEmpty() {
            return first > last;
        }
    }

    /** True when {@code db} holds the account's entries up to {@code entryNo} (a replica may not yet). */
    static boolean hasEntriesUpTo(JdbcClient db, String accountId, long entryNo) {
        return db.sql("SELECT entry_count >= :upTo FROM accounts WHERE id = :account")
                .param("upTo", entryNo).param("account", accountId)
                .query(Boolean.class).optional().orElse(false);
    }

    /**
     * The entry numbers within {@code range}, up to the watermark {@code upToEntryNo}; without a time bound, no
     * query at all.
     */
    Numbers numbersWithin(JdbcClient db, String accountId, long upToEntryNo, TimeRange range) {
        long first = range.hasStart() ? probe(db, FIRST_AT_OR_AFTER, accountId, range.from()).orElse(Long.MAX_VALUE) : 1;
        long last = range.hasEnd() ? probe(db, LAST_BEFORE, accountId, range.to()).orElse(0L) : upToEntryNo;
        last = Math.min(last, upToEntryNo);
        return first > last ? Numbers.NONE : new Numbers(first, last);
    }

    /**
     * Newest first: at most {@code limit} rows within {@code range}, below entry number {@code beforeEntryNo} and up
     * to the watermark {@code upToEntryNo}. The range's times become entry numbers by an index probe at each end
     * inside the same statement, so a date-filtered page is one round trip, like an unfiltered one.
     */
    List<RawRow> page(JdbcClient db, String accountId, long upToEntryNo, TimeRange range, long beforeEntryNo,
            int limit) {
        long last = Math.min(upToEntryNo, beforeEntryNo - 1);
        if (last < 1) {
            return List.of();
        }
        var sql = range.hasStart() ? (range.hasEnd() ? PAGE_FROM_TO : PAGE_FROM) : (range.hasEnd() ? PAGE_TO : PAGE);
        var query = db.sql(sql).param("account", accountId).param("first", 1L).param("last", last)
                .param("limit", limit);
        if (range.hasStart()) {
            query = query.param("from", Db.at(range.from()));
        }
        if (range.hasEnd()) {
            query = query.param("to", Db.at(range.to()));
        }
        return query.query(HistoryRepository::map).list();
    }

    private static String pageWithin(boolean from, boolean to) {
        return SELECT_FROM + " WHERE e.account_id = :account AND e.entry_no >= " + (from ? FIRST_FROM : ":first")
                + " AND e.entry_no <= " + (to ? LAST_BEFORE_TO : ":last") + " ORDER BY e.entry_no DESC LIMIT :limit";
    }

    /** Streams {@code numbers} oldest first (statements); call inside a transaction so the fetch size applies. */
    void range(JdbcClient db, String accountId, Numbers numbers, int maxRows, Consumer<RawRow> sink) {
        if (numbers.isEmpty()) {
            return;
        }
        db.sql(RANGE)
                .param("account", accountId).param("first", numbers.first()).param("last", numbers.last())
                .param("limit", maxRows)
                .withFetchSize(500)
                .query(rs -> {
                    sink.accept(map(rs, 0));
                });
    }

    private static Optional<Long> probe(JdbcClient db, String sql, String accountId, Instant at) {
        return db.sql(sql).param("account", accountId).param("at", Db.at(at)).query(Long.class).optional();
    }

    private static RawRow map(ResultSet rs, int row) throws SQLException {
        return new RawRow(rs.getLong("entry_no"), rs.getLong("amount"), rs.getLong("balance_after"),
                Db.instant(rs, "created_at"), rs.getString("id"), rs.getString("kind"), rs.getString("description"),
                rs.getString("reference"), rs.getString("counterparty_id"),
                AccountKind.fromDb(rs.getString("counterparty_kind")), rs.getString("counterparty_owner"),
                rs.getString("counterparty_account_name"));
    }
}
