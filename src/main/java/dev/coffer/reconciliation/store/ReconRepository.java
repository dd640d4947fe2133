package dev.coffer.reconciliation.store;


import dev.coffer.platform.Db;
import dev.coffer.reconciliation.matching.Matcher;
import dev.coffer.reconciliation.statement.ParsedStatement;
import dev.coffer.reconciliation.statement.StatementLine;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The reconciliation tables' SQL: statements, their lines, and the ledger entries no line matched. */
@Repository
public class ReconRepository {

    private final JdbcClient jdbc;

    ReconRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored import: what the first import answered, answered again for a replay. */
    public record StatementRow(String id, String accountId, int lineCount, int matchedCount) {
    }

    /**
     * Serializes reconciliation work on one settlement account until the transaction ends (imports and resolutions
     * of the same account take turns, so two of them can never pair one transfer twice).
     */
    public void lockAccount(String accountId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended('recon:' || :account, 0))")
                .param("account", accountId).query(Object.class).single();
    }

    public Optional<StatementRow> findStatement(String accountId, String source, String externalId) {
        return jdbc.sql("""
                        SELECT id, account_id, line_count, matched_count FROM recon_statements
                        WHERE account_id = :account AND source = :source AND external_id = :external
                        """)
                .param("account", accountId).param("source", source).param("external", externalId)
                .query((rs, n) -> new StatementRow(rs.getString("id"), rs.getString("account_id"),
                        rs.getInt("line_count"), rs.getInt("matched_count")))
                .optional();
    }

    public void insertStatement(String id, String accountId, ParsedStatement statement, int matched,
            String adminId, Instant now) {
        jdbc.sql("""
                        INSERT INTO recon_statements (id, account_id, source, external_id, currency, period_start,
                                                      period_end, line_count, matched_count, imported_by, created_at)
                        VALUES (:id, :account, :source, :external, :currency, :start, :end, :lines, :matched,
                                :admin, :now)
                        """)
                .param("id", id).param("account", accountId).param("source", statement.format().dbName())
                .param("external", statement.externalId()).param("currency", statement.currency().code())
                .param("start", statement.firstDate()).param("end", statement.lastDate())
                .param("lines", statement.lines().size()).param("matched", matched)
                .param("admin", adminId).param("now", Db.at(now))
                .update();
    }

    /** A line to store: its id, and its match when it has one (transfer id and rule, else nulls). */
    public record NewLine(String id, StatementLine line, String transferId, String rule) {
    }

    public void insertLines(String statementId, String accountId, String currency, List<NewLine> lines,
            Instant now) {
        jdbc.sql("""
                        INSERT INTO recon_lines (id, statement_id, account_id, line_no, amount, currency, booking_date,
                                                 reference, matched_transfer_id, match_rule, created_at, matched_at)
                        SELECT id, :statement, :account, line_no, amount, :currency, booking_date, reference,
                               transfer, rule, :now, CASE WHEN transfer IS NULL THEN NULL ELSE :now END
                        FROM unnest(:ids::text[], :lineNos::int[], :amounts::bigint[], :dates::date[],
                                    :references::text[], :transfers::text[], :rules::text[])
                             AS l(id, line_no, amount, booking_date, reference, transfer, rule)
                        """)
                .param("statement", statementId).param("account", accountId).param("currency", currency)
                .param("now", Db.at(now))
                .param("ids", lines.stream().map(NewLine::id).toArray(String[]::new))
                .param("lineNos", lines.stream().mapToInt(l -> l.line().lineNo()).toArray())
                .param("amounts", lines.stream().mapToLong(l -> l.line().amount()).toArray())
                .param("dates", lines.stream().map(l -> java.sql.Date.valueOf(l.line().bookingDate()))
                        .toArray(java.sql.Date[]::new))
                .param("references", lines.stream().map(l -> l.line().reference()).toArray(String[]::new))
                .param("transfers", lines.stream().map(NewLine::transferId).toArray(String[]::new))
                .param("rules", lines.stream().map(NewLine::rule).toArray(String[]::new))
                .update();
    }

    /**
     * Of these transfers, those no longer open to matching: paired with a line, resolved as a ledger exception, or
     * themselves an adjustment. Open ledger exceptions stay matchable (a later statement may bring their line).
     */
    public Set<String> taken(String accountId, Collection<String> transferIds) {
        if (transferIds.isEmpty()) {
            return Set.of();
        }
        var ids = transferIds.toArray(String[]::new);
        return new HashSet<>(jdbc.sql("""
                        SELECT matched_transfer_id FROM recon_lines WHERE matched_transfer_id = ANY(:ids::text[])
                        UNION
                        SELECT transfer_id FROM recon_entry_exceptions
                        WHERE transfer_id = ANY(:ids::text[]) AND resolution IS NOT NULL
                        UNION
                        SELECT resolution_transfer_id FROM recon_entry_exceptions
                        WHERE resolution_transfer_id = ANY(:ids::text[])
                        """)
                .param("ids", ids).query(String.class).list());
    }

    /** Records entries of an import's period that no line matched; one row per transfer however often seen. */
    public void insertEntryExceptions(String accountId, String statementId, String currency,
            List<EntryException> entries, Instant now) {
        if (entries.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO recon_entry_exceptions (id, account_id, transfer_id, amount, currency, entry_date,
                                                            reference, statement_id, created_at)
                        SELECT id, :account, transfer, amount, :currency, entry_date, reference, :statement, :now
                        FROM unnest(:ids::text[], :transfers::text[], :amounts::bigint[], :dates::date[],
                                    :references::text[]) AS e(id, transfer, amount, entry_date, reference)
                        ON CONFLICT (transfer_id) DO NOTHING
                        """)
                .param("account", accountId).param("statement", statementId).param("currency", currency)
                .param("now", Db.at(now))
                .param("ids", entries.stream().map(EntryException::id).toArray(String[]::new))
                .param("transfers", entries.stream().map(e -> e.entry().transferId()).toArray(String[]::new))
                .param("amounts", entries.stream().mapToLong(e -> e.entry().amount()).toArray())
                .param("dates", entries.stream().map(e -> java.sql.Date.valueOf(e.entry().date()))
                        .toArray(java.sql.Date[]::new))
                .param("references", entries.stream().map(e -> e.entry().reference()).toArray(String[]::new))
                .update();
    }

    /** A ledger entry to record as an exception, under a new id. */
    public record EntryException(String id, Matcher.Entry entry) {
    }

    /** Closes the open ledger exceptions of these transfers: a line now matches each. */
    public void closeEntryExceptionsMatched(Collection<String> transferIds, String adminId, Instant now) {
        if (transferIds.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        UPDATE recon_entry_exceptions SET resolution = 'matched', resolved_by = :admin,
                                                          resolved_at = :now
                        WHERE transfer_id = ANY(:ids::text[]) AND resolution IS NULL
                        """)
                .param("ids", transferIds.toArray(String[]::new)).param("admin", adminId).param("now", Db.at(now))
                .update();
    }

    static LocalDate date(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }
}
