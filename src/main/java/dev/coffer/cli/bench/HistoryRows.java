package dev.coffer.cli.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A benchmark-only shortcut: writes an account's history straight into the server's own database, so that a
 * million entries take a minute instead of the hours a million transfers over HTTP would on two cores. Only with
 * {@code --db-url} (the same database as the server's {@code COFFER_DB_URL}), and only for the account the bench
 * has just opened and funded through the API: it refuses any other starting point.
 *
 * <p>The rows are what the ledger itself would write, so the server reads them, and its verifier checks them,
 * like any others: pairs of transfers (account → counterparty, then the same amount back), each one debit and one
 * credit, entry numbers contiguous per account from the ones already there, every {@code balance_after} following
 * from the one before, and the accounts' balances and entry counts updated in the same transaction (the schema's
 * deferred triggers check both at each commit). Times follow the entry numbers, 100 µs apart after the funding
 * deposit, as the history queries assume. What differs from a live ledger: the rows of the one account sit close
 * together in the table instead of scattered among everyone else's, so a page touches fewer table pages; in a
 * database that fits in memory, as here, that saves microseconds of a request's milliseconds. No idempotency keys,
 * audit rows or live events are written: nothing reads them for history.
 */
final class HistoryRows {

    /** Pairs of transfers per transaction: a progress line each, and no giant transaction to roll back. */
    private static final int PAIRS_PER_TRANSACTION = 50_000;
    static final long SPACING_MICROS = 100;
    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
    /** Random characters of the transfer ids that are the same within one set-up (16 of the 26). */
    private static final int RUN_CHARS = 16;
    /** Characters that number the transfers of one set-up: 10 base-32 digits (50 bits). */
    private static final int NUMBER_CHARS = 10;

    private HistoryRows() {
    }

    /**
     * Writes about {@code wanted} entries (pairs of transfers: one more when the count is even) on {@code account},
     * whose only entry so far is its funding deposit; returns its entry count afterwards.
     */
    static long write(BenchOptions.HistoryOptions db, String account, List<String> peers, int wanted)
            throws SQLException {
        var properties = new Properties();
        if (!db.dbUser().isBlank()) {
            properties.setProperty("user", db.dbUser());
        }
        if (!db.dbPassword().isEmpty()) {
            properties.setProperty("password", db.dbPassword());
        }
        try (var connection = DriverManager.getConnection(db.dbUrl(), properties)) {
            var start = startingPoint(connection, account, db.dbUrl());
            long pairs = Math.max(1, wanted / 2);
            var idPrefix = "tr_" + randomBase32(RUN_CHARS);
            connection.setAutoCommit(false);
            var peerOwners = owners(connection, peers);
            for (long lo = 0; lo < pairs; lo += PAIRS_PER_TRANSACTION) {
                long hi = Math.min(pairs, lo + PAIRS_PER_TRANSACTION);
                var params = new Object[] {account, start.ownerId(), start.balance(), idPrefix, start.depositedAt(),
                        connection.createArrayOf("text", peers.toArray()), connection.createArrayOf("text", peerOwners),
                        peers.size(), lo, hi};
                insert(connection, TRANSFERS, params);
                insert(connection, ENTRIES, params);
                updateCounts(connection, account, peers, hi);
                connection.commit();
                Progress.line("set-up: %,d/%,d entries written into the database", 1 + 2 * hi, 1 + 2 * pairs);
            }
            Progress.end();
            connection.setAutoCommit(true);
            Progress.line("set-up: VACUUM ANALYZE transfers, entries (so that autovacuum stays out of the run)…");
            try (var statement = connection.createStatement()) {
                statement.execute("VACUUM ANALYZE transfers, entries");
            }
            Progress.end();
            return 1 + 2 * pairs;
        }
    }

    /** The account as the API just left it: one entry (the deposit). Anything else is the wrong database. */
    private record Start(String ownerId, long balance, Timestamp depositedAt) {
    }

    private static Start startingPoint(Connection connection, String account, String url) throws SQLException {
        var wrongDatabase = "account " + account + " (just opened and funded through the API) is not in the database "
                + "at " + url + ": --db-url must name the server's own database (its COFFER_DB_URL)";
        try (var query = connection.prepareStatement("""
                SELECT a.owner_id, a.ledger_balance, a.entry_count, e.created_at
                FROM accounts a JOIN entries e ON e.account_id = a.id AND e.entry_no = 1 WHERE a.id = ?""")) {
            query.setString(1, account);
            try (var rs = query.executeQuery()) {
                if (!rs.next() || rs.getLong("entry_count") != 1) {
                    throw new IllegalStateException(wrongDatabase);
                }
                return new Start(rs.getString("owner_id"), rs.getLong("ledger_balance"), rs.getTimestamp("created_at"));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(wrongDatabase + " (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    private static String[] owners(Connection connection, List<String> peers) throws SQLException {
        var owners = new String[peers.size()];
        try (var query = connection.prepareStatement("SELECT owner_id FROM accounts WHERE id = ?")) {
            for (int i = 0; i < owners.length; i++) {
                query.setString(1, peers.get(i));
                try (var rs = query.executeQuery()) {
                    rs.next();
                    owners[i] = rs.getString(1);
                }
            }
        }
        return owners;
    }

    /**
     * One row per pair {@code g} of the chunk {@code lo..hi-1}, with everything its four entries need. Pair g:
     * transfer {@code 2g} moves k from the account to counterparty {@code g % peers} (the account's entry
     * {@code 2 + 2g}, balance D - k; the counterparty's {@code 1 + 2q}, balance k, where q = g / peers), transfer
     * {@code 2g + 1} moves it back (the counterparty's entry {@code 2 + 2q}, balance 0; the account's {@code 3 + 2g},
     * balance D). Transfer n is stamped n + 1 spacings after the deposit. Parameters, in order: account, its owner,
     * its balance D, the id prefix, the deposit's time, the counterparties, their owners, their count, lo, hi.
     */
    private static final String PAIRS = """
            SELECT g, 1 + mod(g * 7919, 100) AS k, g / c.peer_count AS q,
                   c.peers[1 + mod(g, c.peer_count)] AS peer, c.owners[1 + mod(g, c.peer_count)] AS peer_owner,
                   c.account, c.owner, c.balance,
                   c.prefix || %s AS id0, c.prefix || %s AS id1, %s AS at0, %s AS at1
            FROM (SELECT ?::text AS account, ?::text AS owner, ?::bigint AS balance, ?::text AS prefix,
                         ?::timestamptz AS t0, ?::text[] AS peers, ?::text[] AS owners, ?::int AS peer_count) c
            CROSS JOIN generate_series(?::bigint, ?::bigint - 1) g
            """.formatted(base32("2 * g"), base32("2 * g + 1"), at("2 * g"), at("2 * g + 1"));

    private static final String TRANSFERS = """
            INSERT INTO transfers (id, kind, from_account_id, to_account_id, amount, currency, description,
                                   initiated_by, created_at)
            SELECT x.* FROM (%s) p CROSS JOIN LATERAL (VALUES
                (p.id0, 'transfer', p.account, p.peer, p.k, 'EUR', 'bench history ' || p.g, p.owner, p.at0),
                (p.id1, 'transfer', p.peer, p.account, p.k, 'EUR', 'bench history ' || p.g, p.peer_owner, p.at1)) x
            """.formatted(PAIRS);

    private static final String ENTRIES = """
            INSERT INTO entries (transfer_id, side, account_id, entry_no, amount, balance_after, created_at)
            SELECT x.* FROM (%s) p CROSS JOIN LATERAL (VALUES
                (p.id0, 'debit', p.account, 2 + 2 * p.g, -p.k, p.balance - p.k, p.at0),
                (p.id0, 'credit', p.peer, 1 + 2 * p.q, p.k, p.k, p.at0),
                (p.id1, 'debit', p.peer, 2 + 2 * p.q, -p.k, 0::bigint, p.at1),
                (p.id1, 'credit', p.account, 3 + 2 * p.g, p.k, p.balance, p.at1)) x
            """.formatted(PAIRS);

    private static void insert(Connection connection, String sql, Object[] params) throws SQLException {
        try (var insert = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                insert.setObject(i + 1, params[i]);
            }
            insert.executeUpdate();
        }
    }

    /** The new entry counts, balances unchanged: the deferred trigger checks them against the last entries. */
    private static void updateCounts(Connection connection, String account, List<String> peers, long pairsDone)
            throws SQLException {
        try (var update = connection.prepareStatement("UPDATE accounts SET entry_count = ? WHERE id = ?")) {
            update.setLong(1, 1 + 2 * pairsDone);
            update.setString(2, account);
            update.addBatch();
            for (int j = 0; j < peers.size(); j++) {
                long pairsOfPeer = pairsDone > j ? (pairsDone - 1 - j) / peers.size() + 1 : 0;
                update.setLong(1, 2 * pairsOfPeer);
                update.setString(2, peers.get(j));
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    /** SQL for {@code n} as 10 base-32 digits (the numbered part of a transfer id). */
    private static String base32(String n) {
        return IntStream.range(0, NUMBER_CHARS).map(d -> NUMBER_CHARS - 1 - d)
                .mapToObj(d -> "substr('" + BASE32 + "', (((" + n + ") >> " + 5 * d + ") & 31)::int + 1, 1)")
                .collect(Collectors.joining(" || "));
    }

    /** SQL for transfer number {@code n}'s time: n + 1 spacings after the deposit ({@code c.t0}). */
    private static String at(String n) {
        return "c.t0 + ((" + n + ") + 1) * interval '" + SPACING_MICROS + " microseconds'";
    }

    private static String randomBase32(int chars) {
        var random = new java.security.SecureRandom();
        var out = new StringBuilder(chars);
        for (int i = 0; i < chars; i++) {
            out.append(BASE32.charAt(random.nextInt(32)));
        }
        return out.toString();
    }
}
