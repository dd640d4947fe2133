package dev.coffer.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.support.Api;
import dev.coffer.support.TwoCustomersTest;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Accounts, transfers and their error codes, idempotency answers, authorization and bad input, over HTTP. */
class LedgerApiTest extends TwoCustomersTest {

    @Override
    protected long aliceFunds() {
        return 10_000;
    }

    @Test
    void accountsShowTheirBalancesToTheirOwnerOnly() {
        var account = api.get("/api/v1/accounts/" + aliceEur).token(alice.token()).send();
        assertThat(account.status()).isEqualTo(200);
        var json = account.json();
        assertThat(json.path("currency").asString()).isEqualTo("EUR");
        assertThat(json.path("status").asString()).isEqualTo("active");
        assertThat(json.path("balance").path("ledger").asLong()).isEqualTo(10_000);
        assertThat(json.path("balance").path("available").asLong()).isEqualTo(10_000);
        assertThat(json.path("balance").path("pending").asLong()).isZero();
        assertThat(api.get("/api/v1/accounts/" + aliceEur).token(bob.token()).send().status()).isEqualTo(404);
        assertThat(api.get("/api/v1/accounts/" + aliceEur + "/transactions").token(bob.token()).send().status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/accounts/" + aliceEur + "/statement.csv").token(bob.token()).send().status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/accounts").token(alice.token()).send().body()).contains(aliceEur)
                .doesNotContain(bobEur);
        var unknownCurrency = api.post("/api/v1/accounts").token(alice.token())
                .json(Map.of("currency", "XYZ", "name", "Odd")).send();
        assertThat(unknownCurrency.code()).isEqualTo("unsupported_currency");
    }

    @Test
    void aTransferMovesMoneyAndIsVisibleToBothSidesOnly() {
        var sent = transfer(alice, aliceEur, bobEur, 2_500, "EUR", UUID.randomUUID().toString());
        assertThat(sent.status()).isEqualTo(201);
        var json = sent.json();
        assertThat(json.path("status").asString()).isEqualTo("posted");
        assertThat(json.path("amount").asLong()).isEqualTo(2_500);
        var id = json.path("id").asString();
        assertThat(api.get("/api/v1/transfers/" + id).token(alice.token()).send().status()).isEqualTo(200);
        assertThat(api.get("/api/v1/transfers/" + id).token(bob.token()).send().status()).isEqualTo(200);
        assertThat(api.get("/api/v1/transfers/" + id).token(newUser("eve").token()).send().status()).isEqualTo(404);
        var history = api.get("/api/v1/accounts/" + bobEur + "/transactions").token(bob.token()).send().json();
        var row = history.path("data").get(0);
        assertThat(row.path("amount").asLong()).isEqualTo(2_500);
        assertThat(row.path("balanceAfter").asLong()).isEqualTo(2_500);
        assertThat(row.path("counterparty").path("accountId").asString()).isEqualTo(aliceEur);
        assertThat(row.path("counterparty").path("name").asString()).isEqualTo("alice");
    }

    @Test
    void everyRefusalHasItsCodeAndChangesNothing() {
        var jpy = bank.fundedAccount(alice, "JPY", 500);
        var bobOther = bank.fundedAccount(bob, "EUR", 0);
        assertThat(transfer(alice, aliceEur, bobEur, 10_001, "EUR", key()).code()).isEqualTo("insufficient_funds");
        assertThat(transfer(alice, aliceEur, bobEur, 100, "JPY", key()).code()).isEqualTo("currency_mismatch");
        assertThat(transfer(alice, jpy, bobEur, 100, "JPY", key()).code()).isEqualTo("currency_mismatch");
        assertThat(transfer(alice, aliceEur, aliceEur, 100, "EUR", key()).code()).isEqualTo("same_account");
        assertThat(transfer(alice, bobEur, bobOther, 100, "EUR", key()).status()).as("not the caller's").isEqualTo(404);
        assertThat(transfer(alice, aliceEur, "acc_doesnotexistdoesnotexist", 100, "EUR", key()).status())
                .isEqualTo(404);
        var freeze = api.post("/api/v1/admin/accounts/" + bobEur + "/freeze").token(bank.admin.token()).send();
        assertThat(freeze.status()).isEqualTo(200);
        assertThat(freeze.json().path("status").asString()).isEqualTo("frozen");
        assertThat(transfer(alice, aliceEur, bobEur, 100, "EUR", key()).code()).isEqualTo("account_frozen");
        api.post("/api/v1/admin/accounts/" + bobEur + "/unfreeze").token(bank.admin.token()).send();
        assertThat(transfer(alice, aliceEur, bobEur, 100, "EUR", key()).status()).isEqualTo(201);
        assertThat(balance(aliceEur)).isEqualTo(9_900);
    }

    @Test
    void idempotencyKeysReplayRefuseAndAreScopedPerCaller() {
        var key = key();
        var first = transfer(alice, aliceEur, bobEur, 700, "EUR", key);
        var again = transfer(alice, aliceEur, bobEur, 700, "EUR", key);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.body()).isEqualTo(first.body());
        var different = transfer(alice, aliceEur, bobEur, 701, "EUR", key);
        assertThat(different.status()).isEqualTo(422);
        assertThat(different.code()).isEqualTo("idempotency_key_reused");
        var bobsOwn = bank.fundedAccount(bob, "EUR", 1_000);
        assertThat(transfer(bob, bobsOwn, aliceEur, 50, "EUR", key).status()).as("another caller's key space")
                .isEqualTo(201);
        // Under the step-up threshold (25,000), so the refusal is the ledger's.
        var poor = transfer(alice, aliceEur, bobEur, 24_999, "EUR", "poor-" + key);
        var poorAgain = transfer(alice, aliceEur, bobEur, 24_999, "EUR", "poor-" + key);
        assertThat(poorAgain.code()).isEqualTo("insufficient_funds");
        assertThat(poorAgain.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(poor.body()).isEqualTo(poorAgain.body());
        var missing = api.post("/api/v1/transfers").token(alice.token()).json(body(aliceEur, bobEur, 1, "EUR")).send();
        assertThat(missing.code()).isEqualTo("idempotency_key_required");
        var tooLong = transfer(alice, aliceEur, bobEur, 1, "EUR", "k".repeat(256));
        assertThat(tooLong.code()).isEqualTo("invalid_idempotency_key");
        assertThat(balance(aliceEur)).isEqualTo(10_000 - 700 + 50);
    }

    @Test
    void historyPagesNewestFirstWithoutGapsWhileNewTransfersArrive() {
        for (int i = 1; i <= 25; i++) {
            assertThat(transfer(alice, aliceEur, bobEur, i, "EUR", key()).status()).isEqualTo(201);
        }
        var seen = new HashSet<String>();
        var amounts = new java.util.ArrayList<Long>();
        String cursor = null;
        int pages = 0;
        do {
            var page = api.get("/api/v1/accounts/" + bobEur + "/transactions?limit=10"
                    + (cursor == null ? "" : "&cursor=" + cursor)).token(bob.token()).send().json();
            page.path("data").forEach(row -> {
                assertThat(seen.add(row.path("id").asString())).isTrue();
                amounts.add(row.path("amount").asLong());
            });
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asString();
            if (pages++ == 0) {
                transfer(alice, aliceEur, bobEur, 999, "EUR", key());
            }
        } while (cursor != null);
        assertThat(amounts).hasSize(25);
        assertThat(amounts).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(api.get("/api/v1/accounts/" + bobEur + "/transactions?limit=0").token(bob.token()).send().status())
                .isEqualTo(400);
        assertThat(api.get("/api/v1/accounts/" + bobEur + "/transactions?cursor=nonsense").token(bob.token()).send()
                .code()).isEqualTo("invalid_cursor");
        var csv = api.get("/api/v1/accounts/" + bobEur + "/statement.csv").token(bob.token()).send();
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body().lines().findFirst().orElseThrow()).isEqualTo(
                "date,transfer_id,kind,description,reference,counterparty_account,counterparty,amount,balance_after,currency");
        assertThat(csv.body()).contains(",0.25,3.25,EUR");
    }

    @Test
    void badTransferBodiesAreProblemsAndMoveNothing() {
        var bodies = List.of(
                "{\"fromAccountId\":\"" + aliceEur + "\",\"toAccountId\":\"" + bobEur + "\",\"amount\":\"12\",\"currency\":\"EUR\"}",
                "{\"fromAccountId\":\"" + aliceEur + "\",\"toAccountId\":\"" + bobEur + "\",\"amount\":12.5,\"currency\":\"EUR\"}",
                "{\"fromAccountId\":\"" + aliceEur + "\",\"toAccountId\":\"" + bobEur + "\",\"amount\":-5,\"currency\":\"EUR\"}",
                "{\"fromAccountId\":\"" + aliceEur + "\",\"toAccountId\":\"" + bobEur + "\",\"amount\":0,\"currency\":\"EUR\"}",
                "{\"fromAccountId\":\"" + aliceEur + "\",\"toAccountId\":\"" + bobEur + "\",\"amount\":1000000000000001,\"currency\":\"EUR\"}",
                "{\"fromAccountId\":\"" + aliceEur + "\",\"toAccountId\":\"" + bobEur + "\",\"amount\":9223372036854775808,\"currency\":\"EUR\"}",
                "{\"fromAccountId\":\"" + aliceEur + "\",\"toAccountId\":\"" + bobEur + "\",\"amount\":5,\"currency\":\"EUR\",\"x\":1}",
                "{\"fromAccountId\":\"" + aliceEur + "\",\"amount\":5,\"currency\":\"EUR\"}",
                "{\"fromAccountId\":null,\"toAccountId\":\"" + bobEur + "\",\"amount\":5,\"currency\":\"EUR\"}",
                "{\"fromAccountId\":\"" + aliceEur + "\",\"toAccountId\":\"" + bobEur + "\",\"amount\":5,\"currency\":\"euro\"}",
                "[1,2,3]", "{", "");
        for (var body : bodies) {
            var response = api.post("/api/v1/transfers").token(alice.token()).header("Idempotency-Key", key())
                    .json(body).send();
            assertThat(response.status()).as(body).isBetween(400, 499);
            assertThat(response.contentType()).as(body).startsWith("application/problem+json");
        }
        var wrongType = api.post("/api/v1/transfers").token(alice.token()).header("Idempotency-Key", key())
                .body("application/xml", "<transfer/>").send();
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(balance(aliceEur)).isEqualTo(10_000);
    }

    @Test
    void adminDepositsAndWithdrawalsGoThroughTheSettlementAccount() {
        var deposit = api.post("/api/v1/admin/accounts/" + bobEur + "/deposits").token(bank.admin.token())
                .header("Idempotency-Key", key()).json(Map.of("amount", 4_000, "reference", "cash in")).send();
        assertThat(deposit.status()).isEqualTo(201);
        assertThat(deposit.json().path("kind").asString()).isEqualTo("deposit");
        var withdrawal = api.post("/api/v1/admin/accounts/" + bobEur + "/withdrawals").token(bank.admin.token())
                .header("Idempotency-Key", key()).json(Map.of("amount", 1_500, "reference", "cash out")).send();
        assertThat(withdrawal.status()).isEqualTo(201);
        assertThat(withdrawal.json().path("toAccountId").asString())
                .isEqualTo(deposit.json().path("fromAccountId").asString());
        var tooMuch = api.post("/api/v1/admin/accounts/" + bobEur + "/withdrawals").token(bank.admin.token())
                .header("Idempotency-Key", key()).json(Map.of("amount", 9_999, "reference", "x")).send();
        assertThat(tooMuch.code()).isEqualTo("insufficient_funds");
        assertThat(api.post("/api/v1/admin/accounts/" + bobEur + "/deposits").token(bob.token())
                .header("Idempotency-Key", key()).json(Map.of("amount", 1, "reference", "x")).send().status())
                .isEqualTo(403);
        assertThat(api.post("/api/v1/admin/accounts/acc_nosuchaccountnosuchaccount/deposits").token(bank.admin.token())
                .header("Idempotency-Key", key()).json(Map.of("amount", 1, "reference", "x")).send().status())
                .isEqualTo(404);
        var verification = api.get("/api/v1/admin/ledger/verification").token(bank.admin.token()).send().json();
        assertThat(verification.path("ok").asBoolean()).isTrue();
        assertThat(verification.path("currencies").get(0).path("sum").asLong()).isZero();
        assertThat(api.get("/api/v1/admin/ledger/verification").token(bob.token()).send().status()).isEqualTo(403);
        assertThat(balance(bobEur)).isEqualTo(2_500);
    }

    private Api.Response transfer(TestUser who, String from, String to, long amount, String currency, String key) {
        return api.post("/api/v1/transfers").token(who.token()).header("Idempotency-Key", key)
                .json(body(from, to, amount, currency)).send();
    }

    private static Map<String, Object> body(String from, String to, long amount, String currency) {
        return Map.of("fromAccountId", from, "toAccountId", to, "amount", amount, "currency", currency);
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    private long balance(String account) {
        return jdbc.sql("SELECT ledger_balance FROM accounts WHERE id = :id").param("id", account)
                .query(Long.class).single();
    }
}
