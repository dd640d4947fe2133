package dev.coffer.notifications.alert;

import dev.coffer.platform.Db;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code balance_alerts}. */
@Repository
class AlertRepository {

    static final int MAX_PER_ACCOUNT = 10;
    private static final String COLUMNS = "id, account_id, user_id, below, above, below_armed, above_armed, created_at";

    private final JdbcClient jdbc;

    AlertRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(BalanceAlert alert) {
        jdbc.sql("""
                        INSERT INTO balance_alerts (id, account_id, user_id, below, above, below_armed, above_armed,
                                                    created_at)
                        VALUES (:id, :account, :user, :below, :above, :belowArmed, :aboveArmed, :now)
                        """)
                .param("id", alert.id()).param("account", alert.accountId()).param("user", alert.userId())
                .param("below", alert.below()).param("above", alert.above())
                .param("belowArmed", alert.belowArmed()).param("aboveArmed", alert.aboveArmed())
                .param("now", Db.at(alert.createdAt()))
                .update();
    }

    List<BalanceAlert> active(String accountId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM balance_alerts WHERE account_id = :account AND deleted_at IS NULL"
                        + " ORDER BY created_at, id LIMIT " + MAX_PER_ACCOUNT)
                .param("account", accountId).query(AlertRepository::map).list();
    }

    /** The active alerts of these accounts, locked until commit (their arming changes with the balance). */
    List<BalanceAlert> lockActive(Collection<String> accountIds) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM balance_alerts WHERE account_id = ANY(:ids::text[]) AND deleted_at IS NULL
                        ORDER BY id FOR UPDATE
                        """)
                .param("ids", accountIds.toArray(String[]::new)).query(AlertRepository::map).list();
    }

    void updateArming(BalanceAlert alert) {
        jdbc.sql("UPDATE balance_alerts SET below_armed = :below, above_armed = :above WHERE id = :id")
                .param("below", alert.belowArmed()).param("above", alert.aboveArmed()).param("id", alert.id())
                .update();
    }

    boolean delete(String accountId, String alertId, Instant now) {
        return jdbc.sql("""
                        UPDATE balance_alerts SET deleted_at = :now
                        WHERE id = :id AND account_id = :account AND deleted_at IS NULL
                        """)
                .param("now", Db.at(now)).param("id", alertId).param("account", accountId).update() == 1;
    }

    private static BalanceAlert map(ResultSet rs, int row) throws SQLException {
        return new BalanceAlert(rs.getString("id"), rs.getString("account_id"), rs.getString("user_id"),
                rs.getObject("below", Long.class), rs.getObject("above", Long.class), rs.getBoolean("below_armed"),
                rs.getBoolean("above_armed"), Db.instant(rs, "created_at"));
    }
}
