package dev.coffer.ledger.transfer;

import dev.coffer.ledger.TransferKind;
import dev.coffer.ledger.engine.TransferRow;
import dev.coffer.platform.Db;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads transfers (they are written only by the ledger engine). */
@Repository
class TransferRepository {

    private final JdbcClient jdbc;

    TransferRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record VisibleTransfer(TransferRow row, String fromOwnerId, String toOwnerId) {
    }

    Optional<VisibleTransfer> find(String id) {
        return jdbc.sql("""
                        SELECT t.id, t.kind, t.from_account_id, t.to_account_id, t.amount, t.currency, t.description,
                               t.initiated_by, t.reference, t.created_at, f.owner_id AS from_owner, o.owner_id AS to_owner
                        FROM transfers t
                        JOIN accounts f ON f.id = t.from_account_id
                        JOIN accounts o ON o.id = t.to_account_id
                        WHERE t.id = :id
                        """)
                .param("id", id)
                .query((rs, n) -> new VisibleTransfer(new TransferRow(rs.getString("id"),
                        TransferKind.fromDb(rs.getString("kind")), rs.getString("from_account_id"),
                        rs.getString("to_account_id"), rs.getLong("amount"), rs.getString("currency"),
                        rs.getString("description"), rs.getString("initiated_by"), rs.getString("reference"),
                        Db.instant(rs, "created_at")), rs.getString("from_owner"), rs.getString("to_owner")))
                .optional();
    }
}
