package dev.coffer.ledger.settlement;

import dev.coffer.ledger.SettlementEntry;
import dev.coffer.ledger.TransferKind;
import dev.coffer.platform.CurrencyCode;
import dev.coffer.platform.Db;
import dev.coffer.platform.Ids;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The settlement and suspense accounts' SQL: which they are, their entries in a time window. */
@Repository
class SettlementRepository {

    private static final String ENTRY = """
            SELECT e.transfer_id, e.entry_no, e.amount, e.created_at, t.kind, t.reference, t.currency
            FROM entries e
            JOIN transfers t ON t.id = e.transfer_id
            """;

    private final JdbcClient jdbc;

    SettlementRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<String> settlementAccountIds() {
        return jdbc.sql("SELECT id FROM accounts WHERE kind = 'system' AND NOT suspense ORDER BY currency")
                .query(String.class).list();
    }

    boolean isSettlementAccount(String accountId) {
        return jdbc.sql("SELECT count(*) FROM accounts WHERE id = :id AND kind = 'system' AND NOT suspense")
                .param("id", accountId).query(Integer.class).single() == 1;
    }

    /** Uses {@code entries (account_id, created_at, entry_no)}: a range scan that stops at the limit. */
    List<SettlementEntry> entries(String accountId, Instant from, Instant to, int maxRows) {
        return jdbc.sql(ENTRY + """
                        WHERE e.account_id = :account AND e.created_at >= :from AND e.created_at < :to
                        ORDER BY e.created_at, e.entry_no LIMIT :limit
                        """)
                .param("account", accountId).param("from", Db.at(from)).param("to", Db.at(to))
                .param("limit", maxRows)
                .query(SettlementRepository::map).list();
    }

    Optional<SettlementEntry> entry(String accountId, String transferId) {
        return jdbc.sql(ENTRY + " WHERE e.transfer_id = :transfer AND e.account_id = :account")
                .param("transfer", transferId).param("account", accountId)
                .query(SettlementRepository::map).optional();
    }

    Optional<String> findSuspense(CurrencyCode currency) {
        return jdbc.sql("SELECT id FROM accounts WHERE kind = 'system' AND suspense AND currency = :currency")
                .param("currency", currency.code()).query(String.class).optional();
    }

    /** Creates the currency's suspense account unless another transaction just did. */
    void insertSuspenseIfAbsent(CurrencyCode currency, Instant now) {
        jdbc.sql("""
                        INSERT INTO accounts (id, owner_id, kind, currency, name, status, suspense, created_at)
                        VALUES (:id, NULL, 'system', :currency, :name, 'active', true, :now)
                        ON CONFLICT (currency, suspense) WHERE kind = 'system' DO NOTHING
                        """)
                .param("id", Ids.newId("acc")).param("currency", currency.code())
                .param("name", "Coffer reconciliation suspense " + currency).param("now", Db.at(now))
                .update();
    }

    private static SettlementEntry map(ResultSet rs, int row) throws SQLException {
        return new SettlementEntry(rs.getString("transfer_id"), TransferKind.fromDb(rs.getString("kind")),
                rs.getLong("amount"), CurrencyCode.of(rs.getString("currency")), rs.getString("reference"),
                Db.instant(rs, "created_at"), rs.getLong("entry_no"));
    }
}
