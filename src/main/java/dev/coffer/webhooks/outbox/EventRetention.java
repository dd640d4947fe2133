package dev.coffer.webhooks.outbox;

import dev.coffer.platform.Db;
import dev.coffer.webhooks.WebhookProperties;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps merchants' events (and their deliveries) for {@code coffer.webhooks.retention} (30 days): listable and
 * replayable until then, deleted after, oldest first, a bounded batch per transaction. Safe on every node at once:
 * deleting what another node already deleted deletes nothing.
 */
@Component
public class EventRetention {

    private static final Logger log = LoggerFactory.getLogger(EventRetention.class);
    private static final int BATCH = 1_000;
    private static final int MAX_BATCHES_PER_RUN = 100;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final WebhookProperties properties;
    private final Clock clock;

    EventRetention(JdbcClient jdbc, TransactionTemplate tx, WebhookProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${coffer.webhooks.retention-interval:PT1H}", initialDelayString = "PT1M")
    void run() {
        int deleted = 0;
        for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
            int events = deleteOneBatch();
            deleted += events;
            if (events < BATCH) {
                break;
            }
        }
        if (deleted > 0) {
            log.info("deleted {} webhook events older than {}", deleted, properties.retention());
        }
    }

    /** Deletes up to one batch of expired events with their deliveries and attempts; returns how many events. */
    public int deleteOneBatch() {
        var cutoff = Db.at(clock.instant().minus(properties.retention()));
        Integer deleted = tx.execute(status -> jdbc.sql("""
                        WITH old AS (SELECT seq FROM events WHERE created_at < :cutoff ORDER BY created_at LIMIT :limit
                                     FOR UPDATE SKIP LOCKED),
                             gone_deliveries AS (SELECT id FROM webhook_deliveries WHERE event_seq IN (SELECT seq FROM old)),
                             gone_attempts AS (DELETE FROM webhook_attempts
                                               WHERE delivery_id IN (SELECT id FROM gone_deliveries)),
                             deleted_deliveries AS (DELETE FROM webhook_deliveries
                                                    WHERE id IN (SELECT id FROM gone_deliveries) RETURNING event_seq)
                        DELETE FROM events WHERE seq IN (SELECT seq FROM old)
                        """)
                .param("cutoff", cutoff).param("limit", BATCH)
                .update());
        return deleted == null ? 0 : deleted;
    }
}
