package dev.coffer.ledger.admin;

import dev.coffer.platform.Db;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code admin_approvals} table. */
@Repository
class ApprovalRepository {

    private static final String COLUMNS = """
            id, kind, account_id, amount, currency, reference, status, requested_by, requested_at, decided_by,
            decided_at, transfer_id, failure_code""";

    private final JdbcClient jdbc;

    ApprovalRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(ApprovalView approval) {
        jdbc.sql("""
                        INSERT INTO admin_approvals (id, kind, account_id, amount, currency, reference, requested_by,
                                                     requested_at)
                        VALUES (:id, :kind, :account, :amount, :currency, :reference, :by, :at)
                        """)
                .param("id", approval.id()).param("kind", approval.kind()).param("account", approval.accountId())
                .param("amount", approval.amount()).param("currency", approval.currency())
                .param("reference", approval.reference()).param("by", approval.requestedBy())
                .param("at", Db.at(approval.requestedAt()))
                .update();
    }

    /** Locks the approval: deciding it is one admin at a time. */
    Optional<ApprovalView> findForUpdate(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM admin_approvals WHERE id = :id FOR UPDATE").param("id", id)
                .query(ApprovalRepository::map).optional();
    }

    List<ApprovalView> list(String status, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM admin_approvals WHERE (:status::text IS NULL OR status = :status)"
                        + " ORDER BY requested_at DESC, id LIMIT :limit")
                .param("status", status).param("limit", limit)
                .query(ApprovalRepository::map).list();
    }

    void decide(String id, String status, String decidedBy, Instant at, String transferId, String failureCode) {
        jdbc.sql("""
                        UPDATE admin_approvals SET status = :status, decided_by = :by, decided_at = :at,
                                                   transfer_id = :transfer, failure_code = :failure
                        WHERE id = :id AND status = 'pending'
                        """)
                .param("status", status).param("by", decidedBy).param("at", Db.at(at)).param("transfer", transferId)
                .param("failure", failureCode).param("id", id)
                .update();
    }

    private static ApprovalView map(ResultSet rs, int row) throws SQLException {
        var id = rs.getString("id");
        return new ApprovalView(id, id, rs.getString("kind"), rs.getString("account_id"), rs.getLong("amount"),
                rs.getString("currency").strip(), rs.getString("reference"), rs.getString("status"),
                rs.getString("requested_by"), Db.instant(rs, "requested_at"), rs.getString("decided_by"),
                Db.instant(rs, "decided_at"), rs.getString("transfer_id"), rs.getString("failure_code"));
    }
}
