package dev.coffer.webhooks.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.support.IntegrationTest;
import dev.coffer.support.QueryPlans;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A merchant's event list costs O(page) with and without a type filter, also for a rare type deep in a long
 * history: 20,000 events of which the 10 oldest are refunds.
 */
class EventPagePlanTest extends IntegrationTest {

    private static final int PAGE = 21;

    @Test
    void bothFormsOfTheEventListReadOnlyAPage() {
        var merchant = "usr_eventplan" + System.nanoTime();
        jdbc.sql("""
                INSERT INTO events (id, merchant_id, type, body, created_at)
                SELECT 'evt_plan' || :merchant || 'x' || i, :merchant,
                       CASE WHEN i <= 10 THEN 'payment.refunded' ELSE 'payment.succeeded' END, '{}', now()
                FROM generate_series(1, 20000) i
                """).param("merchant", merchant).update();
        jdbc.sql("ANALYZE events").update();
        var params = Map.<String, Object>of("merchant", merchant, "before", Long.MAX_VALUE, "limit", PAGE);
        assertThat(QueryPlans.problems(jdbc, EventRepository.PAGE, params, PAGE)).isEmpty();
        var ofType = Map.<String, Object>of("merchant", merchant, "type", "payment.refunded", "before", Long.MAX_VALUE,
                "limit", PAGE);
        assertThat(QueryPlans.problems(jdbc, EventRepository.PAGE_OF_TYPE, ofType, PAGE)).isEmpty();
    }
}
