package dev.coffer.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.coffer.ledger.LedgerVerifier;
import dev.coffer.support.IntegrationTest;
import dev.coffer.support.Shop;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Subscriptions over HTTP with the movable clock: a subscription checkout, renewals at each period's end, dunning
 * (past_due, retries 1, 3 and 5 days after the period's end, then canceled and uncollectible), cancel at period end
 * (customer) and at once (merchant), the webhook events, and the refusals.
 */
class SubscriptionsApiTest extends IntegrationTest {

    @Autowired
    private LedgerVerifier verifier;

    private final Map<String, TestUser> fresh = new HashMap<>();
    private final List<Subscribed> started = new ArrayList<>();

    /** Ends what a test started, so later tests that move the clock far do not renew it in the background. */
    @AfterEach
    void endSubscriptions() {
        for (var s : started) {
            api.post("/api/v1/merchant/subscriptions/" + s.subscriptionId() + "/cancel").token(s.shop().apiKey)
                    .send();
        }
    }

    record Subscribed(Shop shop, TestUser customer, String account, String subscriptionId, Instant periodEnd) {
    }

    @Test
    void aMonthlySubscriptionRenewsEachPeriodEnd() {
        var s = subscribe(999, "month", 10_000);
        var sub = subscription(s);
        assertThat(sub.path("status").asString()).isEqualTo("active");
        assertThat(sub.path("customerAccountId").asString()).isEqualTo(s.account());
        assertThat(sub.path("cancelAtPeriodEnd").asBoolean()).isFalse();
        var start = Instant.parse(sub.path("currentPeriodStart").asString());
        assertThat(s.periodEnd()).isEqualTo(start.atOffset(ZoneOffset.UTC).plusMonths(1).toInstant());
        assertThat(invoices(s)).hasSize(1);
        assertThat(invoices(s).get(0).path("status").asString()).isEqualTo("paid");

        clock.advance(Duration.between(clock.instant(), s.periodEnd()).plusMinutes(1));
        await().atMost(Duration.ofSeconds(15)).until(() -> invoices(s).size() == 2);
        var renewal = invoices(s).get(0);
        assertThat(renewal.path("status").asString()).isEqualTo("paid");
        assertThat(renewal.path("amount").asLong()).isEqualTo(999);
        assertThat(Instant.parse(renewal.path("periodStart").asString())).isEqualTo(s.periodEnd());
        assertThat(Instant.parse(subscription(s).path("currentPeriodStart").asString())).isEqualTo(s.periodEnd());
        assertThat(s.shop().balance(fresh(s.customer()).token(), s.account(), "available")).isEqualTo(10_000 - 2 * 999);
        assertThat(s.shop().balance(fresh(s.shop().merchant).token(), s.shop().settlementAccount, "available"))
                .isEqualTo(2 * 999);
        assertThat(eventTypes(s.shop())).contains("customer.subscription.created", "invoice.paid",
                "customer.subscription.updated");
        assertThat(verifier.verify().ok()).isTrue();
    }

    @Test
    void refusedForFundsItIsPastDueThenPaidOnARetryAfterADeposit() {
        var s = subscribe(5_000, "month", 5_000);
        clock.advance(Duration.between(clock.instant(), s.periodEnd()).plusMinutes(1));
        await().atMost(Duration.ofSeconds(15)).until(() -> "past_due".equals(subscription(s).path("status")
                .asString()));
        var open = invoices(s).get(0);
        assertThat(open.path("status").asString()).isEqualTo("open");
        assertThat(open.path("attempts").asInt()).isEqualTo(1);

        clock.advance(Duration.ofDays(1));
        await().atMost(Duration.ofSeconds(15)).until(() -> invoices(s).get(0).path("attempts").asInt() == 2);
        assertThat(subscription(s).path("status").asString()).isEqualTo("past_due");

        var deposit = api.post("/api/v1/admin/accounts/" + s.account() + "/deposits")
                .token(fresh(s.shop().admin).token()).header("Idempotency-Key", UUID.randomUUID().toString())
                .json(Map.of("amount", 5_000, "reference", "top-up")).send();
        assertThat(deposit.status()).as(deposit.toString()).isEqualTo(201);
        clock.advance(Duration.ofDays(2));
        await().atMost(Duration.ofSeconds(15)).until(() -> "active".equals(subscription(s).path("status")
                .asString()));
        assertThat(invoices(s).get(0).path("status").asString()).isEqualTo("paid");
        assertThat(invoices(s).get(0).path("attempts").asInt()).isEqualTo(3);
        assertThat(s.shop().balance(fresh(s.customer()).token(), s.account(), "available")).isZero();
        assertThat(eventTypes(s.shop())).contains("invoice.payment_failed", "invoice.paid");
    }

    @Test
    void stillRefusedOnDayFiveItIsCanceledAndTheInvoiceUncollectible() {
        var s = subscribe(5_000, "week", 5_000);
        clock.advance(Duration.between(clock.instant(), s.periodEnd()).plusMinutes(1));
        await().atMost(Duration.ofSeconds(15)).until(() -> "past_due".equals(subscription(s).path("status")
                .asString()));
        for (int day : new int[] {1, 2, 2}) {
            clock.advance(Duration.ofDays(day));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> "canceled".equals(subscription(s).path("status")
                .asString()));
        var last = invoices(s).get(0);
        assertThat(last.path("status").asString()).isEqualTo("uncollectible");
        assertThat(last.path("attempts").asInt()).isEqualTo(4);
        assertThat(eventTypes(s.shop())).contains("customer.subscription.deleted");
        clock.advance(Duration.ofDays(30));
        sleepThenCheck(() -> assertThat(invoices(s)).as("no period after the cancel").hasSize(2));
    }

    @Test
    void aMerchantsCancelOfAPastDueSubscriptionMakesItsOpenInvoiceUncollectible() {
        var s = subscribe(5_000, "month", 5_000);
        clock.advance(Duration.between(clock.instant(), s.periodEnd()).plusMinutes(1));
        await().atMost(Duration.ofSeconds(15)).until(() -> "past_due".equals(subscription(s).path("status")
                .asString()));
        assertThat(invoices(s).get(0).path("status").asString()).isEqualTo("open");

        var canceled = api.post("/api/v1/merchant/subscriptions/" + s.subscriptionId() + "/cancel")
                .token(s.shop().apiKey).send();
        assertThat(canceled.status()).as(canceled.toString()).isEqualTo(200);
        assertThat(canceled.json().path("status").asString()).isEqualTo("canceled");
        var last = invoices(s).get(0);
        assertThat(last.path("status").asString()).isEqualTo("uncollectible");
        assertThat(last.path("attempts").asInt()).as("no attempt was made by the cancel").isEqualTo(1);
        assertThat(eventTypes(s.shop())).contains("invoice.marked_uncollectible", "customer.subscription.deleted");

        api.post("/api/v1/admin/accounts/" + s.account() + "/deposits").token(fresh(s.shop().admin).token())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .json(Map.of("amount", 50_000, "reference", "too late")).send();
        clock.advance(Duration.ofDays(6));
        sleepThenCheck(() -> {
            assertThat(invoices(s)).as("no retry and no new period after the cancel").hasSize(2);
            assertThat(invoices(s).get(0).path("status").asString()).isEqualTo("uncollectible");
            assertThat(s.shop().balance(fresh(s.customer()).token(), s.account(), "available")).isEqualTo(50_000);
        });
        assertThat(verifier.verify().ok()).isTrue();
    }

    @Test
    void aCustomerCancelsAtPeriodEndAndAMerchantAtOnce() {
        var s = subscribe(999, "month", 10_000);
        var other = newUser("other");
        assertThat(api.post("/api/v1/subscriptions/" + s.subscriptionId() + "/cancel").token(other.token()).send()
                .status()).isEqualTo(404);
        var canceled = api.post("/api/v1/subscriptions/" + s.subscriptionId() + "/cancel")
                .token(fresh(s.customer()).token()).send();
        assertThat(canceled.status()).as(canceled.toString()).isEqualTo(200);
        assertThat(canceled.json().path("cancelAtPeriodEnd").asBoolean()).isTrue();
        assertThat(canceled.json().path("status").asString()).isEqualTo("active");
        clock.advance(Duration.between(clock.instant(), s.periodEnd()).plusMinutes(1));
        await().atMost(Duration.ofSeconds(15)).until(() -> "canceled".equals(subscription(s).path("status")
                .asString()));
        assertThat(invoices(s)).as("no charge for a period after the cancel").hasSize(1);
        clock.reset();

        var t = subscribe(999, "month", 10_000);
        var otherShop = newShop();
        assertThat(api.post("/api/v1/merchant/subscriptions/" + t.subscriptionId() + "/cancel")
                .token(otherShop.apiKey).send().status()).isEqualTo(404);
        var now = api.post("/api/v1/merchant/subscriptions/" + t.subscriptionId() + "/cancel").token(t.shop().apiKey)
                .send();
        assertThat(now.status()).as(now.toString()).isEqualTo(200);
        assertThat(now.json().path("status").asString()).isEqualTo("canceled");
        var again = api.post("/api/v1/merchant/subscriptions/" + t.subscriptionId() + "/cancel")
                .token(t.shop().apiKey).send();
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("subscription_canceled");
        var listed = api.get("/api/v1/merchant/subscriptions").token(t.shop().apiKey).send();
        assertThat(listed.json().path("data").get(0).path("id").asString()).isEqualTo(t.subscriptionId());
    }

    @Test
    void refusals() {
        var shop = newShop();
        for (var bad : List.of(Map.of("productName", "x", "amount", 100, "currency", "EUR", "interval", "month",
                "intervalCount", 13), Map.of("productName", "x", "amount", 100, "currency", "EUR", "interval",
                        "fortnight"), Map.of("productName", "", "amount", 100, "currency", "EUR", "interval", "day"),
                Map.of("productName", "x", "amount", 0, "currency", "EUR", "interval", "day"))) {
            var refused = api.post("/api/v1/prices").token(shop.apiKey).json(bad).send();
            assertThat(refused.status()).as(refused.toString()).isIn(400, 422);
        }
        var price = price(shop, 999, "month");
        var noPrice = shop.createSession(Map.of("mode", "subscription", "settlementAccountId",
                shop.settlementAccount));
        assertThat(noPrice.status()).isEqualTo(400);
        var othersPrice = newShop().createSession(Map.of("mode", "subscription", "priceId", price,
                "settlementAccountId", shop.settlementAccount));
        assertThat(othersPrice.status()).isEqualTo(404);
        var manual = shop.createSession(Map.of("mode", "subscription", "priceId", price, "captureMethod", "manual",
                "settlementAccountId", shop.settlementAccount));
        assertThat(manual.status()).isEqualTo(400);
        var customer = newUser("nosy");
        assertThat(api.get("/api/v1/invoices?subscriptionId=sub_aaaaaaaaaaaaaaaaaaaaaaaaaa").token(customer.token())
                .send().status()).isEqualTo(404);
        var s = subscribe(999, "month", 10_000);
        assertThat(api.get("/api/v1/invoices?subscriptionId=" + s.subscriptionId()).token(customer.token()).send()
                .status()).isEqualTo(404);
        assertThat(api.get("/api/v1/invoices?subscriptionId=" + s.subscriptionId()).token(shop.apiKey).send()
                .status()).as("another merchant").isEqualTo(404);
    }

    private Subscribed subscribe(long amount, String interval, long funds) {
        var shop = newShop();
        var price = price(shop, amount, interval);
        var session = shop.createSession(Map.of("mode", "subscription", "priceId", price,
                "settlementAccountId", shop.settlementAccount, "successUrl", "https://shop.example/thanks"));
        assertThat(session.status()).as(session.toString()).isEqualTo(201);
        assertThat(session.json().path("mode").asString()).isEqualTo("subscription");
        assertThat(session.json().path("recurringInterval").asString()).isEqualTo(interval);
        var customer = newUser("subscriber");
        var account = shop.fundedAccount(customer, "EUR", funds);
        shop.paid(customer.token(), session.json().path("id").asString(), account);
        var list = api.get("/api/v1/subscriptions").token(customer.token()).send();
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        var sub = list.json().path("data").get(0);
        assertThat(sub.path("id").asString()).startsWith("sub_");
        assertThat(sub.path("priceId").asString()).isEqualTo(price);
        var subscribed = new Subscribed(shop, customer, account, sub.path("id").asString(),
                Instant.parse(sub.path("currentPeriodEnd").asString()));
        started.add(subscribed);
        return subscribed;
    }

    private String price(Shop shop, long amount, String interval) {
        var created = api.post("/api/v1/prices").token(shop.apiKey).json(Map.of("productName", "Streaming",
                "amount", amount, "currency", "EUR", "interval", interval)).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("id").asString()).startsWith("price_");
        return created.json().path("id").asString();
    }

    private JsonNode subscription(Subscribed s) {
        var list = api.get("/api/v1/subscriptions").token(fresh(s.customer()).token()).send();
        for (var sub : list.json().path("data")) {
            if (sub.path("id").asString().equals(s.subscriptionId())) {
                return sub;
            }
        }
        throw new AssertionError("no subscription " + s.subscriptionId());
    }

    private List<JsonNode> invoices(Subscribed s) {
        var response = api.get("/api/v1/invoices?subscriptionId=" + s.subscriptionId()).token(s.shop().apiKey)
                .send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        var out = new ArrayList<JsonNode>();
        response.json().path("data").forEach(out::add);
        return out;
    }

    private List<String> eventTypes(Shop shop) {
        var events = api.get("/api/v1/events").token(shop.apiKey).send();
        var out = new ArrayList<String>();
        events.json().path("data").forEach(event -> out.add(event.path("type").asString()));
        return out;
    }

    /** The user with a token alive on the moved clock (access tokens live 15 minutes). */
    private TestUser fresh(TestUser user) {
        var known = fresh.get(user.id());
        if (known != null && api.get("/api/v1/me").token(known.token()).send().status() == 200) {
            return known;
        }
        var again = login(user.id(), user.email(), user.password());
        fresh.put(user.id(), again);
        return again;
    }

    private static void sleepThenCheck(Runnable check) {
        try {
            Thread.sleep(2_500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        check.run();
    }
}
