package dev.coffer.ledger.account;

import dev.coffer.ledger.AccountKind;
import dev.coffer.ledger.AccountStatus;
import dev.coffer.platform.CurrencyCode;
import dev.coffer.platform.Db;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads and creates accounts. Balances are written only by the ledger engine.
 *
 * <p>Balances are read as of now: {@code pending} counts live holds only. A hold stops counting against available at
 * its {@code expires_at}, to the microsecond, while the stored {@code accounts.pending} still includes it until the
 * engine releases it (the release job, or the next transaction that locks the account); so reads subtract the
 * pending holds already past their expiry. That is an index range that is almost always empty.
 */
@Repository
public class AccountRepository {

    private static final String SELECT = """
            SELECT a.id, a.owner_id, a.kind, a.currency, a.name, a.status, a.ledger_balance, a.entry_count,
                   a.created_at,
                   a.pending - coalesce((SELECT sum(h.amount) FROM holds h
                                         WHERE h.account_id = a.id AND h.status = 'pending'
                                           AND h.expires_at <= :now), 0)::bigint AS pending
            FROM accounts a
            """;

    private final JdbcClient jdbc;
    private final Clock clock;

    AccountRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void insert(Account account) {
        jdbc.sql("""
                        INSERT INTO accounts (id, owner_id, kind, currency, name, status, created_at)
                        VALUES (:id, :owner, :kind, :currency, :name, :status, :createdAt)
                        """)
                .param("id", account.id()).param("owner", account.ownerId()).param("kind", account.kind().dbName())
                .param("currency", account.currency().code()).param("name", account.name())
                .param("status", account.status().dbName()).param("createdAt", Db.at(account.createdAt()))
                .update();
    }

    public Optional<Account> find(String id) {
        return jdbc.sql(SELECT + "WHERE a.id = :id")
                .param("id", id).param("now", now()).query(AccountRepository::map).optional();
    }

    public List<Account> findAll(Collection<String> ids) {
        return jdbc.sql(SELECT + "WHERE a.id = ANY(:ids::text[])")
                .param("ids", ids.toArray(String[]::new)).param("now", now()).query(AccountRepository::map).list();
    }

    public List<Account> findByOwner(String ownerId) {
        return jdbc.sql(SELECT + "WHERE a.owner_id = :owner ORDER BY a.created_at, a.id")
                .param("owner", ownerId).param("now", now()).query(AccountRepository::map).list();
    }

    public int countByOwner(String ownerId) {
        return jdbc.sql("SELECT count(*) FROM accounts WHERE owner_id = :owner")
                .param("owner", ownerId).query(Integer.class).single();
    }

    public Optional<String> findSettlement(CurrencyCode currency) {
        return jdbc.sql("SELECT id FROM accounts WHERE kind = 'system' AND NOT suspense AND currency = :currency")
                .param("currency", currency.code()).query(String.class).optional();
    }

    /** Creates the currency's settlement account unless another transaction just did. */
    public void insertSettlementIfAbsent(String id, CurrencyCode currency, java.time.Instant now) {
        jdbc.sql("""
                        INSERT INTO accounts (id, owner_id, kind, currency, name, status, created_at)
                        VALUES (:id, NULL, 'system', :currency, :name, 'active', :now)
                        ON CONFLICT (currency, suspense) WHERE kind = 'system' DO NOTHING
                        """)
                .param("id", id).param("currency", currency.code()).param("name", "Coffer settlement " + currency)
                .param("now", Db.at(now))
                .update();
    }

    /** Sets the status of a customer or merchant account; false when there is no such account. */
    public boolean updateStatus(String id, AccountStatus status) {
        return jdbc.sql("UPDATE accounts SET status = :status WHERE id = :id AND kind <> 'system'")
                .param("status", status.dbName()).param("id", id).update() == 1;
    }

    private OffsetDateTime now() {
        return Db.at(clock.instant());
    }

    static Account map(ResultSet rs, int row) throws SQLException {
        return new Account(rs.getString("id"), rs.getString("owner_id"), AccountKind.fromDb(rs.getString("kind")),
                CurrencyCode.of(rs.getString("currency")), rs.getString("name"),
                AccountStatus.fromDb(rs.getString("status")), rs.getLong("ledger_balance"), rs.getLong("pending"),
                rs.getLong("entry_count"), Db.instant(rs, "created_at"));
    }
}
