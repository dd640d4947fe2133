package dev.coffer.webhooks.endpoint;

import dev.coffer.platform.Db;
import dev.coffer.webhooks.Deliveries.AttemptView;
import dev.coffer.webhooks.Deliveries.DeliveryList;
import dev.coffer.webhooks.Deliveries.DeliveryView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The recent deliveries of an endpoint with every attempt (status code, latency, error), for the merchant to see. */
@Component
public class DeliveryLog {

    private static final int RECENT = 50;

    private final JdbcClient jdbc;

    DeliveryLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public DeliveryList recent(String endpointId) {
        var deliveries = new LinkedHashMap<String, DeliveryView>();
        jdbc.sql("""
                        SELECT d.id, e.id AS event_id, e.type, d.status, d.attempts, d.replay, d.next_attempt_at,
                               d.created_at, d.finished_at
                        FROM webhook_deliveries d JOIN events e ON e.seq = d.event_seq
                        WHERE d.endpoint_id = :endpoint ORDER BY d.created_at DESC, d.id LIMIT :limit
                        """)
                .param("endpoint", endpointId).param("limit", RECENT)
                .query(rs -> {
                    deliveries.put(rs.getString("id"), new DeliveryView(rs.getString("id"), rs.getString("event_id"),
                            rs.getString("type"), rs.getString("status"), rs.getInt("attempts"),
                            rs.getBoolean("replay"), Db.instant(rs, "next_attempt_at"), Db.instant(rs, "created_at"),
                            Db.instant(rs, "finished_at"), new ArrayList<>()));
                });
        if (!deliveries.isEmpty()) {
            jdbc.sql("""
                            SELECT delivery_id, attempt_no, started_at, duration_ms, status_code, error
                            FROM webhook_attempts WHERE delivery_id = ANY(:ids::text[]) ORDER BY attempt_no
                            """)
                    .param("ids", deliveries.keySet().toArray(String[]::new))
                    .query(rs -> {
                        int code = rs.getInt("status_code");
                        deliveries.get(rs.getString("delivery_id")).attemptLog().add(new AttemptView(
                                rs.getInt("attempt_no"), Db.instant(rs, "started_at"), rs.getInt("duration_ms"),
                                rs.wasNull() ? null : code, rs.getString("error")));
                    });
        }
        return new DeliveryList(List.copyOf(deliveries.values()), null);
    }
}
