package dev.coffer.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.support.Api;
import dev.coffer.support.TwoCustomersTest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code POST /api/v1/transfers/batch}: each item on its own, all committed together, replayable, bad input. */
class BulkTransfersApiTest extends TwoCustomersTest {

    @Override
    protected long aliceFunds() {
        return 10_000;
    }

    @Test
    void everyItemIsPostedAndAnsweredInRequestOrder() {
        var sent = bulk(alice, key(), List.of(item(aliceEur, bobEur, 100), item(aliceEur, bobEur, 200),
                item(aliceEur, bobEur, 300)));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        var results = sent.json().path("results");
        assertThat(results.size()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            var result = results.get(i);
            assertThat(result.path("index").asInt()).isEqualTo(i);
            assertThat(result.path("status").asInt()).isEqualTo(201);
            assertThat(result.path("transfer").path("amount").asLong()).isEqualTo(100L * (i + 1));
            assertThat(result.path("transfer").path("status").asString()).isEqualTo("posted");
            var id = result.path("transfer").path("id").asString();
            assertThat(api.get("/api/v1/transfers/" + id).token(bob.token()).send().status()).isEqualTo(200);
        }
        assertThat(balance(aliceEur)).isEqualTo(9_400);
        assertThat(balance(bobEur)).isEqualTo(600);
        // All items of a request commit together: one transaction, so one transaction id on their rows.
        long transactions = jdbc.sql("SELECT count(DISTINCT xmin::text) FROM transfers WHERE from_account_id = :a")
                .param("a", aliceEur).query(Long.class).single();
        assertThat(transactions).isEqualTo(1);
    }

    @Test
    void anItemThatNeedsAStepUpIsRefusedAloneAndTheOthersArePosted() {
        var rich = bank.fundedAccount(alice, "EUR", 100_000);
        var sent = bulk(alice, key(), List.of(item(rich, bobEur, 30_000), item(rich, bobEur, 100)));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        var results = sent.json().path("results");
        assertThat(results.get(0).path("status").asInt()).isEqualTo(403);
        assertThat(results.get(0).path("problem").path("code").asString()).isEqualTo("second_factor_required");
        assertThat(results.get(1).path("status").asInt()).isEqualTo(201);
        assertThat(balance(rich)).isEqualTo(99_900);
    }

    @Test
    void eachRefusedItemRefusesOnlyItselfWithTheCodeASingleTransferWouldGet() {
        var jpy = bank.fundedAccount(alice, "JPY", 500);
        var bobOther = bank.fundedAccount(bob, "EUR", 700);
        var frozen = bank.fundedAccount(bob, "EUR", 0);
        assertThat(api.post("/api/v1/admin/accounts/" + frozen + "/freeze").token(bank.admin.token()).send()
                .status()).isEqualTo(200);
        var sent = bulk(alice, key(), List.of(
                item(aliceEur, bobEur, 6_000),                      // 0 posted
                item(aliceEur, bobEur, 6_000),                      // 1 insufficient after item 0
                item(aliceEur, bobEur, 100, "JPY"),                 // 2 currency_mismatch
                item(aliceEur, aliceEur, 100),                      // 3 same_account
                item(bobOther, aliceEur, 100),                      // 4 another user's account: 404
                item(aliceEur, "acc_doesnotexistdoesnotexist", 1),  // 5 unknown: 404
                item(aliceEur, "nonsense", 1),                      // 6 no account has that shape: 404
                item(aliceEur, frozen, 100),                        // 7 account_frozen
                item(jpy, bobEur, 100, "JPY"),                      // 8 currency_mismatch (destination)
                item(aliceEur, bobEur, 4_000)));                    // 9 posted
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        var results = sent.json().path("results");
        var expected = List.of("201", "insufficient_funds", "currency_mismatch", "same_account", "not_found",
                "not_found", "not_found", "account_frozen", "currency_mismatch", "201");
        for (int i = 0; i < expected.size(); i++) {
            var result = results.get(i);
            assertThat(result.path("index").asInt()).isEqualTo(i);
            if (expected.get(i).equals("201")) {
                assertThat(result.path("status").asInt()).as("item %d", i).isEqualTo(201);
                assertThat(result.has("problem") && !result.path("problem").isNull()).isFalse();
            } else {
                assertThat(result.path("problem").path("code").asString()).as("item %d", i)
                        .isEqualTo(expected.get(i));
                assertThat(result.path("status").asInt()).isEqualTo(result.path("problem").path("status").asInt())
                        .isEqualTo(expected.get(i).equals("not_found") ? 404 : 422);
                assertThat(result.has("transfer") && !result.path("transfer").isNull()).isFalse();
            }
        }
        assertThat(balance(aliceEur)).isZero();
        assertThat(balance(bobEur)).isEqualTo(10_000);
        assertThat(balance(bobOther)).isEqualTo(700);
        assertThat(balance(frozen)).isZero();
        assertThat(balance(jpy)).isEqualTo(500);
    }

    @Test
    void aReplayAnswersTheStoredResultsAndAnotherBodyWithTheKeyIsRefused() {
        var key = key();
        var items = List.of(item(aliceEur, bobEur, 700), item(aliceEur, bobEur, 1_000_000));
        var first = bulk(alice, key, items);
        var again = bulk(alice, key, items);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(first.header("Idempotent-Replayed")).isNull();
        var different = bulk(alice, key, List.of(item(aliceEur, bobEur, 701)));
        assertThat(different.status()).isEqualTo(422);
        assertThat(different.code()).isEqualTo("idempotency_key_reused");
        var missing = api.post("/api/v1/transfers/batch").token(alice.token())
                .json(Map.of("transfers", items)).send();
        assertThat(missing.code()).isEqualTo("idempotency_key_required");
        assertThat(balance(aliceEur)).isEqualTo(10_000 - 700);
    }

    @Test
    void badRequestsAreProblemsAndMoveNothing() {
        var one = "{\"fromAccountId\":\"" + aliceEur + "\",\"toAccountId\":\"" + bobEur
                + "\",\"amount\":5,\"currency\":\"EUR\"}";
        var tooMany = new ArrayList<Map<String, Object>>(Collections.nCopies(1_001, item(aliceEur, bobEur, 1)));
        var bodies = List.of(
                "{\"transfers\":[]}",
                Api.json().writeValueAsString(Map.of("transfers", tooMany)),
                "{\"transfers\":[" + one + "," + one.replace("\"amount\":5", "\"amount\":-5") + "]}",
                "{\"transfers\":[" + one + "," + one.replace("\"currency\":\"EUR\"", "\"currency\":\"euro\"") + "]}",
                "{\"transfers\":[" + one + "," + one.replace("\"amount\":5,", "") + "]}",
                "{\"transfers\":[" + one + "," + one.replace("\"amount\":5", "\"amount\":5,\"x\":1") + "]}",
                "{\"transfers\":[" + one + ",null]}",
                "{\"transfers\":" + one + "}",
                "{}", "[" + one + "]", "{");
        for (var body : bodies) {
            var response = api.post("/api/v1/transfers/batch").token(alice.token()).header("Idempotency-Key", key())
                    .json(body).send();
            assertThat(response.status()).as(body.length() > 300 ? body.substring(0, 300) : body)
                    .isIn(400, 422);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        assertThat(api.post("/api/v1/transfers/batch").token(bank.apiKey).header("Idempotency-Key", key())
                .json(Map.of("transfers", List.of(item(aliceEur, bobEur, 1)))).send().status())
                .as("API keys may not send money").isEqualTo(403);
        assertThat(balance(aliceEur)).isEqualTo(10_000);
        assertThat(balance(bobEur)).isZero();
    }

    @Test
    void aThousandItemsInOneRequest() {
        var items = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < 1_000; i++) {
            items.add(withDescription(item(aliceEur, bobEur, 1 + i % 9), "Payroll line " + i + " " + "x".repeat(300)));
        }
        var sent = bulk(alice, key(), items);
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        long expected = items.stream().mapToLong(i -> (Long) i.get("amount")).sum();
        assertThat(balance(bobEur)).isEqualTo(expected);
        assertThat(sent.json().path("results").size()).isEqualTo(1_000);
    }

    private Api.Response bulk(TestUser who, String key, List<Map<String, Object>> items) {
        return api.post("/api/v1/transfers/batch").token(who.token()).header("Idempotency-Key", key)
                .json(Map.of("transfers", items)).send();
    }

    static Map<String, Object> item(String from, String to, long amount) {
        return item(from, to, amount, "EUR");
    }

    static Map<String, Object> item(String from, String to, long amount, String currency) {
        var item = new HashMap<String, Object>();
        item.put("fromAccountId", from);
        item.put("toAccountId", to);
        item.put("amount", amount);
        item.put("currency", currency);
        return item;
    }

    private static Map<String, Object> withDescription(Map<String, Object> item, String description) {
        item.put("description", description);
        item.put("reference", "line-" + item.hashCode());
        return item;
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    private long balance(String account) {
        return jdbc.sql("SELECT ledger_balance FROM accounts WHERE id = :id").param("id", account)
                .query(Long.class).single();
    }
}
