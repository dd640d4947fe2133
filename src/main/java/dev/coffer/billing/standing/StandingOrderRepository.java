package dev.coffer.billing.standing;

import dev.coffer.billing.Interval;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of standing orders and their runs. */
@Repository
class StandingOrderRepository {

    /** The most standing orders one user may keep active. */
    static final int MAX_ACTIVE_PER_USER = 100;

    private final JdbcClient jdbc;

    StandingOrderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Run(int occurrence, Instant dueAt, Instant ranAt, String status, String transferId, String code) {
    }

    void insert(StandingOrder order) {
        jdbc.sql("""
                INSERT INTO scheduled_transfers (id, owner_id, from_account_id, to_account_id, amount, currency,
                    description, start_at, every, run_limit, status, runs_done, next_run_at, created_at)
                VALUES (:id, :owner, :from, :to, :amount, :currency, :description, :startAt, :every, :runLimit,
                    :status, 0, :nextRunAt, :createdAt)""")
                .param("id", order.id()).param("owner", order.ownerId()).param("from", order.fromAccountId())
                .param("to", order.toAccountId()).param("amount", order.amount()).param("currency", order.currency())
                .param("description", order.description()).param("startAt", at(order.startAt()))
                .param("every", order.interval() == null ? null : order.interval().word())
                .param("runLimit", order.count()).param("status", order.status())
                .param("nextRunAt", at(order.nextRunAt())).param("createdAt", at(order.createdAt())).update();
    }

    Optional<StandingOrder> find(String id) {
        return jdbc.sql("SELECT * FROM scheduled_transfers WHERE id = :id").param("id", id)
                .query(StandingOrderRepository::map).optional();
    }

    /** The order, locked until the end of the transaction: one occurrence is decided at a time, on any node. */
    Optional<StandingOrder> lock(String id) {
        return jdbc.sql("SELECT * FROM scheduled_transfers WHERE id = :id FOR UPDATE").param("id", id)
                .query(StandingOrderRepository::map).optional();
    }

    List<StandingOrder> ofOwner(String ownerId) {
        return jdbc.sql("SELECT * FROM scheduled_transfers WHERE owner_id = :owner ORDER BY created_at DESC, id")
                .param("owner", ownerId).query(StandingOrderRepository::map).list();
    }

    int activeCount(String ownerId) {
        return jdbc.sql("SELECT count(*) FROM scheduled_transfers WHERE owner_id = :owner AND status = 'active'")
                .param("owner", ownerId).query(Integer.class).single();
    }

    boolean cancel(String id, Instant now) {
        return jdbc.sql("""
                UPDATE scheduled_transfers SET status = 'canceled', next_run_at = NULL, canceled_at = :now
                WHERE id = :id AND status = 'active'""").param("id", id).param("now", at(now)).update() == 1;
    }

    /**
     * Claims occurrence {@code occurrence}: false when it was claimed before (by a retry or another node), which
     * then must not move money.
     */
    boolean claimRun(String id, int occurrence, Instant dueAt, Instant now, String status, String transferId,
            String code) {
        return jdbc.sql("""
                INSERT INTO scheduled_transfer_runs (schedule_id, occurrence, due_at, ran_at, status, transfer_id, code)
                VALUES (:id, :occurrence, :dueAt, :now, :status, :transferId, :code)
                ON CONFLICT (schedule_id, occurrence) DO NOTHING""")
                .param("id", id).param("occurrence", occurrence).param("dueAt", at(dueAt)).param("now", at(now))
                .param("status", status).param("transferId", transferId).param("code", code).update() == 1;
    }

    void advance(String id, int runsDone, Instant nextRunAt) {
        jdbc.sql("""
                UPDATE scheduled_transfers SET runs_done = :runsDone, next_run_at = :next,
                    status = CASE WHEN :next::timestamptz IS NULL THEN 'completed' ELSE status END
                WHERE id = :id""")
                .param("id", id).param("runsDone", runsDone).param("next", at(nextRunAt)).update();
    }

    List<Run> runs(String id) {
        return jdbc.sql("""
                SELECT occurrence, due_at, ran_at, status, transfer_id, code FROM scheduled_transfer_runs
                WHERE schedule_id = :id ORDER BY occurrence DESC LIMIT 1000""").param("id", id)
                .query((rs, row) -> new Run(rs.getInt("occurrence"), instant(rs, "due_at"), instant(rs, "ran_at"),
                        rs.getString("status"), rs.getString("transfer_id"), rs.getString("code")))
                .list();
    }

    private static StandingOrder map(ResultSet rs, int row) throws SQLException {
        var every = rs.getString("every");
        var limit = rs.getObject("run_limit", Integer.class);
        return new StandingOrder(rs.getString("id"), rs.getString("owner_id"), rs.getString("from_account_id"),
                rs.getString("to_account_id"), rs.getLong("amount"), rs.getString("currency"),
                rs.getString("description"), instant(rs, "start_at"),
                every == null ? null : Interval.fromWord(every).orElseThrow(),
                limit, rs.getString("status"), rs.getInt("runs_done"),
                instant(rs, "next_run_at"), instant(rs, "created_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        var value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
