package dev.coffer.payments.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.support.IntegrationTest;
import dev.coffer.support.QueryPlans;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The merchant page's payments list costs O(page) in each of its forms (all statuses or one, with and without a
 * date range, first page and a later one), also for a rare status deep in a long history: 20,000 payments of which
 * the 10 oldest are canceled. No Sort node, no node producing more rows than the page.
 */
class PaymentListPlanTest extends IntegrationTest {

    private static final int PAGE = 21;

    @Test
    void everyFormOfTheMerchantsPaymentListReadsOnlyAPage() {
        var shop = newShop();
        var payer = newUser("planpayer");
        var wallet = shop.fundedAccount(payer, "EUR", 0);
        var merchant = shop.merchant.id();
        jdbc.sql("""
                INSERT INTO checkout_sessions (id, merchant_id, status, currency, amount, capture_method,
                    settlement_account_id, line_items, payment_id, created_at, expires_at, completed_at)
                SELECT 'cs_plan' || :tag || i, :merchant, 'complete', 'EUR', 100, 'automatic', :settlement, '[]',
                       'pay_plan' || :tag || i, t, t + interval '1 hour', t
                FROM generate_series(1, 20000) i, LATERAL (SELECT now() - (20001 - i) * interval '1 minute' AS t) ts
                """).param("tag", merchant).param("merchant", merchant).param("settlement", shop.settlementAccount)
                .update();
        jdbc.sql("""
                INSERT INTO payments (id, checkout_session_id, merchant_id, payer_id, payer_account_id,
                    settlement_account_id, status, capture_method, currency, amount, amount_captured, created_at,
                    updated_at)
                SELECT 'pay_plan' || :tag || i, 'cs_plan' || :tag || i, :merchant, :payer, :wallet, :settlement,
                       CASE WHEN i <= 10 THEN 'canceled' ELSE 'succeeded' END, 'automatic', 'EUR', 100,
                       CASE WHEN i <= 10 THEN 0 ELSE 100 END, t, t
                FROM generate_series(1, 20000) i, LATERAL (SELECT now() - (20001 - i) * interval '1 minute' AS t) ts
                """).param("tag", merchant).param("merchant", merchant).param("payer", payer.id())
                .param("wallet", wallet).param("settlement", shop.settlementAccount).update();
        jdbc.sql("ANALYZE payments").update();

        var all = params(merchant, PaymentQuery.ALL);
        assertThat(QueryPlans.problems(jdbc, PaymentRepository.PAGE, all, PAGE)).isEmpty();
        var canceled = PaymentQuery.parse("canceled", "", "", "");
        assertThat(QueryPlans.problems(jdbc, PaymentRepository.PAGE_OF_STATUS, params(merchant, canceled), PAGE))
                .isEmpty();
        var lastWeek = PaymentQuery.parse("succeeded", Instant.now().minusSeconds(7 * 86_400).toString()
                .substring(0, 10), "", "");
        assertThat(QueryPlans.problems(jdbc, PaymentRepository.PAGE_OF_STATUS, params(merchant, lastWeek), PAGE))
                .isEmpty();
        // A later page: the keyset of a payment 10,000 deep (made-up ids do not pass the cursor's shape check).
        var laterPage = jdbc.sql("""
                SELECT created_at, id FROM payments WHERE merchant_id = :merchant
                ORDER BY created_at DESC, id DESC OFFSET 10000 LIMIT 1
                """).param("merchant", merchant).query((rs, n) -> new PaymentQuery(null, PaymentQuery.EARLIEST,
                        PaymentQuery.LATEST, dev.coffer.platform.Db.instant(rs, "created_at"), rs.getString("id")))
                .single();
        assertThat(QueryPlans.problems(jdbc, PaymentRepository.PAGE, params(merchant, laterPage), PAGE)).isEmpty();
    }

    private static Map<String, Object> params(String merchant, PaymentQuery query) {
        var params = new HashMap<String, Object>();
        params.put("merchant", merchant);
        params.put("from", query.from());
        params.put("to", query.to());
        params.put("before", query.before());
        params.put("beforeId", query.beforeId());
        params.put("limit", PAGE);
        if (query.status() != null) {
            params.put("status", query.status());
        }
        return params;
    }
}
