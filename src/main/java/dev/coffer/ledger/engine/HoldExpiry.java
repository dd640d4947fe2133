package dev.coffer.ledger.engine;

import dev.coffer.ledger.HoldStatus;
import dev.coffer.platform.Db;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Releases holds nobody captured by their expiry, on every node: {@code FOR UPDATE SKIP LOCKED} hands each hold to
 * exactly one node, and the planner re-checks that it is still pending under lock.
 */
@Component
public class HoldExpiry {

    private static final Logger log = LoggerFactory.getLogger(HoldExpiry.class);
    private static final int BATCH = 100;
    /** A bound on one run, so a huge backlog cannot keep this node's scheduler thread busy forever. */
    private static final int MAX_BATCHES_PER_RUN = 100;

    private final JdbcClient jdbc;
    private final LedgerEngine engine;
    private final TransactionTemplate tx;
    private final Clock clock;

    HoldExpiry(JdbcClient jdbc, LedgerEngine engine, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.engine = engine;
        this.tx = tx;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${coffer.ledger.hold-expiry-interval:PT15S}", initialDelayString = "PT5S")
    public void releaseExpired() {
        int released;
        int batches = 0;
        do {
            released = releaseBatch();
            if (released > 0) {
                log.info("released {} expired holds", released);
            }
        } while (released == BATCH && ++batches < MAX_BATCHES_PER_RUN); // the next run takes what is left
    }

    /** Releases up to one batch of expired holds; returns how many. */
    public int releaseBatch() {
        Integer released = tx.execute(status -> {
            var expired = jdbc.sql("""
                            SELECT id FROM holds WHERE status = 'pending' AND expires_at <= :now
                            ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED
                            """)
                    .param("now", Db.at(clock.instant())).param("limit", BATCH)
                    .query(String.class).list();
            engine.apply(expired.stream()
                    .<Operation>map(id -> new Operation.ReleaseHold(id, HoldStatus.EXPIRED)).toList());
            return expired.size();
        });
        return released == null ? 0 : released;
    }
}
