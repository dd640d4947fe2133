package dev.coffer.payments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.support.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/payments}: the merchant's payments, newest first, page by page, by status and time; the same
 * query and index as the merchant page's list. Each refusal, and nobody else's payments.
 */
class PaymentListApiTest extends IntegrationTest {

    @Test
    void pagesNewestFirstAndFiltersByStatusAndTime() {
        var shop = newShop();
        var payer = newUser("lister");
        var wallet = shop.fundedAccount(payer, "EUR", 100_000);
        var start = clock.instant();
        var newestFirst = new ArrayList<String>();
        var held = new ArrayList<String>();
        for (int i = 0; i < 7; i++) {
            clock.advance(Duration.ofSeconds(3));
            var manual = i % 3 == 0;
            var paid = shop.paid(payer.token(), shop.session(100 + i, manual ? "manual" : "automatic"), wallet);
            newestFirst.addFirst(paid);
            if (manual) {
                held.addFirst(paid);
            }
        }

        var first = list(shop.apiKey, "?limit=4");
        assertThat(ids(first)).containsExactlyElementsOf(newestFirst.subList(0, 4));
        var second = list(shop.apiKey, "?limit=4&cursor=" + first.path("nextCursor").asString());
        assertThat(ids(second)).containsExactlyElementsOf(newestFirst.subList(4, 7));
        assertThat(second.path("nextCursor").isNull()).isTrue();

        assertThat(ids(list(shop.apiKey, "?status=requires_capture"))).containsExactlyElementsOf(held);
        var middle = start.plus(Duration.ofSeconds(10)).toString();
        var early = ids(list(shop.apiKey, "?to=" + middle));
        var late = ids(list(shop.apiKey, "?from=" + middle));
        assertThat(early).hasSize(3).containsExactlyElementsOf(newestFirst.subList(4, 7));
        assertThat(late).containsExactlyElementsOf(newestFirst.subList(0, 4));
        var day = start.toString().substring(0, 10);
        assertThat(ids(list(shop.apiKey, "?status=succeeded&from=" + day + "&to=" + day))).hasSize(7 - held.size());
        assertThat(list(shop.apiKey, "").path("data").get(0).path("object").asString()).isEqualTo("payment");
    }

    @Test
    void eachRefusalAndNobodyElsesPayments() {
        var shop = newShop();
        var payer = newUser("payer");
        shop.paid(payer.token(), shop.session(500, "automatic"), shop.fundedAccount(payer, "EUR", 1_000));
        var rival = newShop();
        assertThat(list(rival.apiKey, "").path("data")).isEmpty();

        for (var bad : List.of("?status=paid", "?from=yesterday", "?to=2026-02-30", "?limit=0", "?limit=101")) {
            var refused = api.get("/api/v1/payments" + bad).token(shop.apiKey).send();
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.code()).as(bad).isEqualTo("invalid_parameter");
        }
        for (var bad : List.of("?cursor=garbage", "?cursor=12.pay_x", "?cursor=x.pay_" + "a".repeat(26))) {
            var refused = api.get("/api/v1/payments" + bad).token(shop.apiKey).send();
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.code()).as(bad).isEqualTo("invalid_cursor");
        }
        var range = api.get("/api/v1/payments?from=2026-03-02&to=2026-03-01").token(shop.apiKey).send();
        assertThat(range.status()).isEqualTo(400);
        assertThat(range.code()).isEqualTo("invalid_range");

        assertThat(api.get("/api/v1/payments").token(shop.merchant.token()).send().status()).isEqualTo(403);
        assertThat(api.get("/api/v1/payments").token(payer.token()).send().status()).isEqualTo(403);
        assertThat(api.get("/api/v1/payments").send().status()).isEqualTo(401);
    }

    private JsonNode list(String apiKey, String query) {
        var answer = api.get("/api/v1/payments" + query).token(apiKey).send();
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }

    private static List<String> ids(JsonNode page) {
        var ids = new ArrayList<String>();
        page.path("data").forEach(p -> ids.add(p.path("id").asString()));
        return ids;
    }
}
