package dev.coffer.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.notifications.alert.BalanceAlert;
import dev.coffer.support.Api;
import dev.coffer.support.IntegrationTest;
import dev.coffer.support.Shop;
import dev.coffer.support.SseClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the ledger writes to people's streams: the receiver hears of the money (with the sender's name) and both
 * see their new balances; alerts fire exactly once per crossing, also when transfers race.
 */
class LiveEventsTest extends IntegrationTest {

    private Shop shop;

    @BeforeEach
    void setUp() {
        shop = newShop();
    }

    @Test
    void theReceiverHearsOfTheMoneyAndBothSeeTheirBalances() throws Exception {
        var alice = newUser("Alice");
        var bob = newUser("Bob");
        var aliceWallet = shop.fundedAccount(alice, "EUR", 10_000);
        var bobWallet = shop.fundedAccount(bob, "EUR", 0);
        try (var bobs = SseClient.open(port, bob.token(), null); var alices = SseClient.open(port, alice.token(), null)) {
            transfer(alice, aliceWallet, bobWallet, 2_500).status();
            var bobEvents = bobs.drain(Duration.ofSeconds(2));
            assertThat(bobEvents).extracting(SseClient.Event::name)
                    .containsExactlyInAnyOrder("balance.updated", "transfer.received");
            var received = Api.json().readTree(data(bobEvents, "transfer.received"));
            assertThat(received.path("amount").asLong()).isEqualTo(2_500);
            assertThat(received.path("from").path("name").asString()).isEqualTo("Alice");
            assertThat(received.path("accountId").asString()).isEqualTo(bobWallet);
            assertThat(Api.json().readTree(data(bobEvents, "balance.updated")).path("available").asLong())
                    .isEqualTo(2_500);
            var aliceEvents = alices.drain(Duration.ofSeconds(2));
            assertThat(aliceEvents).extracting(SseClient.Event::name).containsExactly("balance.updated");
            assertThat(Api.json().readTree(aliceEvents.getFirst().data()).path("available").asLong()).isEqualTo(7_500);
        }
    }

    @Test
    void racingTransfersAroundALineFireOneAlertPerCrossingExactly() throws Exception {
        var owner = newUser("watcher");
        var other = newUser("counterparty");
        var watched = shop.fundedAccount(owner, "EUR", 10_000);
        var elsewhere = shop.fundedAccount(other, "EUR", 50_000);
        var created = api.post("/api/v1/accounts/" + watched + "/alerts").token(owner.token())
                .json(Map.of("below", 10_000, "above", 12_000)).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        var alertId = created.json().path("id").asString();

        try (var pool = Executors.newFixedThreadPool(16)) {
            var done = new ArrayList<Future<Integer>>();
            for (int i = 0; i < 200; i++) {
                boolean out = i % 2 == 0;
                long amount = 300 + (i % 7) * 150;
                done.add(pool.submit(() -> out ? transfer(owner, watched, elsewhere, amount).status()
                        : transfer(other, elsewhere, watched, amount).status()));
            }
            for (var future : done) {
                assertThat(future.get()).isIn(201, 422);
            }
        }
        // The balances the account really passed through, from its entries, walked from the alert's start.
        var path = jdbc.sql("""
                        SELECT balance_after FROM entries WHERE account_id = :account AND entry_no > 1
                        ORDER BY entry_no
                        """).param("account", watched).query(Long.class).list();
        var expected = new BalanceAlert(alertId, watched, owner.id(), 10_000L, 12_000L, true, true, Instant.EPOCH)
                .walk(path).crossings().size();
        long fired = jdbc.sql("""
                        SELECT count(*) FROM user_events WHERE user_id = :user AND type = 'alert.triggered'
                        """).param("user", owner.id()).query(Long.class).single();
        assertThat(expected).as("the test made crossings happen").isGreaterThan(2);
        assertThat(fired).isEqualTo(expected);
    }

    @Test
    void alertsBelongToTheAccountsOwnerAndRefuseNonsense() {
        var owner = newUser("owner");
        var stranger = newUser("stranger");
        var account = shop.fundedAccount(owner, "EUR", 500);
        var path = "/api/v1/accounts/" + account + "/alerts";
        assertThat(api.post(path).token(stranger.token()).json(Map.of("below", 100)).send().status()).isEqualTo(404);
        assertThat(api.post(path).token(owner.token()).json(Map.of()).send().code()).isEqualTo("invalid_alert");
        assertThat(api.post(path).token(owner.token()).json(Map.of("below", 500, "above", 400)).send().code())
                .isEqualTo("invalid_alert");
        assertThat(api.post(path).token(owner.token()).json(Map.of("below", -1)).send().status()).isEqualTo(400);
        var alert = api.post(path).token(owner.token()).json(Map.of("below", 100)).send().json().path("id").asString();
        assertThat(api.get(path).token(owner.token()).send().json().path("data").size()).isEqualTo(1);
        assertThat(api.get(path).token(stranger.token()).send().status()).isEqualTo(404);
        assertThat(api.delete(path + "/" + alert).token(stranger.token()).send().status()).isEqualTo(404);
        assertThat(api.delete(path + "/" + alert).token(owner.token()).send().status()).isEqualTo(204);
        assertThat(api.delete(path + "/" + alert).token(owner.token()).send().status()).isEqualTo(404);
    }

    private Api.Response transfer(TestUser who, String from, String to, long amount) {
        return new Api(port).post("/api/v1/transfers").token(who.token())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .json(Map.of("fromAccountId", from, "toAccountId", to, "amount", amount, "currency", "EUR")).send();
    }

    private static String data(java.util.List<SseClient.Event> events, String name) {
        return events.stream().filter(e -> name.equals(e.name())).findFirst().orElseThrow().data();
    }
}
