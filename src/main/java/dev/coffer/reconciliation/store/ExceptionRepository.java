package dev.coffer.reconciliation.store;

import dev.coffer.platform.Db;
import dev.coffer.reconciliation.ReconException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The exception queue: open lines and open ledger exceptions, oldest first, paged by {@code (created_at, id)} on
 * each table's partial index of open rows (a range scan per table that stops at the limit).
 */
@Repository
public class ExceptionRepository {

    private static final String LINES = """
            SELECT id, 'statement_line' AS kind, account_id, amount, currency, booking_date AS day, reference,
                   NULL::text AS transfer_id, statement_id, created_at
            FROM recon_lines
            """;
    private static final String ENTRIES = """
            SELECT id, 'ledger_entry' AS kind, account_id, amount, currency, entry_date AS day, reference,
                   transfer_id, statement_id, created_at
            FROM recon_entry_exceptions
            """;
    private static final String AFTER = """
            (created_at, id) > (:afterAt, :afterId) AND (CAST(:account AS text) IS NULL OR account_id = :account)
            ORDER BY created_at, id LIMIT :limit
            """;

    private final JdbcClient jdbc;

    ExceptionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Up to {@code limit} open exceptions after the cursor position, optionally of one settlement account. */
    public List<ReconException> open(Instant afterAt, String afterId, String accountId, int limit) {
        return jdbc.sql("SELECT * FROM ((" + LINES + " WHERE matched_transfer_id IS NULL AND " + AFTER + ") UNION ALL ("
                        + ENTRIES + " WHERE resolution IS NULL AND " + AFTER + ")) q ORDER BY created_at, id LIMIT :limit")
                .param("afterAt", Db.at(afterAt)).param("afterId", afterId).param("account", accountId)
                .param("limit", limit)
                .query(ExceptionRepository::map).list();
    }

    /** The exception with this id, open or not (its state read under the caller's account lock). */
    public Optional<ReconException> find(String id) {
        return jdbc.sql("SELECT * FROM ((" + LINES + " WHERE id = :id) UNION ALL (" + ENTRIES + " WHERE id = :id)) q")
                .param("id", id).query(ExceptionRepository::map).optional();
    }

    public boolean isOpen(ReconException exception) {
        var sql = exception.statementLine()
                ? "SELECT matched_transfer_id IS NULL FROM recon_lines WHERE id = :id"
                : "SELECT resolution IS NULL FROM recon_entry_exceptions WHERE id = :id";
        return jdbc.sql(sql).param("id", exception.id()).query(Boolean.class).single();
    }

    /** Pairs an open line with a transfer (the unique index refuses a transfer already paired). */
    public void matchLine(String lineId, String transferId, String rule, String adminId, Instant now) {
        int updated = jdbc.sql("""
                        UPDATE recon_lines SET matched_transfer_id = :transfer, match_rule = :rule,
                                               resolved_by = :admin, matched_at = :now
                        WHERE id = :id AND matched_transfer_id IS NULL
                        """)
                .param("transfer", transferId).param("rule", rule).param("admin", adminId).param("now", Db.at(now))
                .param("id", lineId).update();
        if (updated != 1) {
            throw new IllegalStateException("line " + lineId + " was not open");
        }
    }

    /** Closes an open ledger exception with an adjusting transfer. */
    public void adjustEntry(String exceptionId, String adjustmentTransferId, String adminId, Instant now) {
        int updated = jdbc.sql("""
                        UPDATE recon_entry_exceptions SET resolution = 'adjustment',
                               resolution_transfer_id = :transfer, resolved_by = :admin, resolved_at = :now
                        WHERE id = :id AND resolution IS NULL
                        """)
                .param("transfer", adjustmentTransferId).param("admin", adminId).param("now", Db.at(now))
                .param("id", exceptionId).update();
        if (updated != 1) {
            throw new IllegalStateException("ledger exception " + exceptionId + " was not open");
        }
    }

    /** True when some line is already paired with this transfer. */
    public boolean transferMatched(String transferId) {
        return jdbc.sql("SELECT count(*) FROM recon_lines WHERE matched_transfer_id = :transfer")
                .param("transfer", transferId).query(Integer.class).single() > 0;
    }

    private static ReconException map(ResultSet rs, int row) throws SQLException {
        return new ReconException(rs.getString("id"), rs.getString("kind"), rs.getString("account_id"),
                rs.getLong("amount"), rs.getString("currency").strip(), ReconRepository.date(rs, "day"),
                rs.getString("reference"), rs.getString("transfer_id"), rs.getString("statement_id"),
                Db.instant(rs, "created_at"));
    }
}
