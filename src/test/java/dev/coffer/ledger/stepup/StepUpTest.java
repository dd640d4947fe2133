package dev.coffer.ledger.stepup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.support.Api;
import dev.coffer.support.IntegrationTest;
import dev.coffer.support.Shop;
import dev.coffer.support.TotpCodes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Step-up bound to the payment: at or above coffer.sca.threshold (25,000 minor units by default) to a new payee, a
 * challenge verified with a second factor and bound to sender account, payee, amount and currency.
 */
class StepUpTest extends IntegrationTest {

    private static final long LARGE = 30_000;

    private Shop bank;
    private TestUser alice;
    private String secret;
    private List<String> recoveryCodes;
    private String aliceEur;
    private String aliceEur2;
    private String aliceGbp;
    private String carolEur;
    private String carolGbp;
    private String daveEur;

    @BeforeEach
    void setUp() {
        clock.freezeAt(Instant.now());
        bank = newShop();
        alice = newUser("alice");
        var carol = newUser("carol");
        var dave = newUser("dave");
        aliceEur = bank.fundedAccount(alice, "EUR", 200_000);
        aliceEur2 = bank.fundedAccount(alice, "EUR", 200_000);
        aliceGbp = bank.fundedAccount(alice, "GBP", 200_000);
        carolEur = bank.fundedAccount(carol, "EUR", 0);
        carolGbp = bank.fundedAccount(carol, "GBP", 0);
        daveEur = bank.fundedAccount(dave, "EUR", 0);
        var start = api.post("/api/v1/me/mfa/totp").token(alice.token()).send();
        secret = start.json().path("secret").asString();
        var confirmed = api.post("/api/v1/me/mfa/totp/confirm").token(alice.token())
                .json(Map.of("code", currentCode())).send();
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        recoveryCodes = new ArrayList<>();
        confirmed.json().path("recoveryCodes").forEach(c -> recoveryCodes.add(c.asString()));
    }

    @Test
    void belowTheThresholdOrToAKnownPayeeNoStepUp() {
        assertThat(send(aliceEur, carolEur, 24_999, "EUR", null).status()).isEqualTo(201);
        assertThat(send(aliceEur2, carolEur, LARGE, "EUR", null).status()).as("paid before, from any own account")
                .isEqualTo(201);
        assertThat(send(aliceEur, aliceEur2, LARGE, "EUR", null).status()).as("between one's own accounts")
                .isEqualTo(201);
    }

    @Test
    void aLargeTransferToANewPayeeGoesThroughOnceVerified() {
        var key = UUID.randomUUID().toString();
        var first = send(aliceEur, carolEur, LARGE, "EUR", null, key);
        assertThat(first.status()).isEqualTo(403);
        assertThat(first.code()).isEqualTo("step_up_required");
        var challenge = first.json().path("challengeId").asString();
        assertThat(challenge).startsWith("chl_");
        assertThat(balance(carolEur)).isZero();

        assertThat(send(aliceEur, carolEur, LARGE, "EUR", challenge, key).code()).isEqualTo("challenge_not_verified");
        assertThat(verify(challenge, "000000").code()).isEqualTo("invalid_code");
        var verified = verify(challenge, nextCode());
        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
        assertThat(verified.json().path("status").asString()).isEqualTo("verified");

        var sent = send(aliceEur, carolEur, LARGE, "EUR", challenge, key);
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        var again = send(aliceEur, carolEur, LARGE, "EUR", challenge, key);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).as("the same request, retried").isEqualTo("true");
        assertThat(balance(carolEur)).isEqualTo(LARGE);
    }

    @Test
    void aRecoveryCodeVerifiesToo() {
        var challenge = challengeFor(aliceEur, carolEur, LARGE, "EUR");
        assertThat(verify(challenge, recoveryCodes.getFirst()).status()).isEqualTo(200);
        assertThat(send(aliceEur, carolEur, LARGE, "EUR", challenge).status()).isEqualTo(201);
    }

    @Test
    void eachBindingChangedAloneIsRefused() {
        var challenge = challengeFor(aliceEur, carolEur, LARGE, "EUR");
        assertThat(verify(challenge, nextCode()).status()).isEqualTo(200);
        assertThat(send(aliceEur2, carolEur, LARGE, "EUR", challenge).code()).as("another sender account")
                .isEqualTo("challenge_mismatch");
        assertThat(send(aliceEur, daveEur, LARGE, "EUR", challenge).code()).as("another payee")
                .isEqualTo("challenge_mismatch");
        assertThat(send(aliceEur, carolEur, LARGE + 1, "EUR", challenge).code()).as("another amount")
                .isEqualTo("challenge_mismatch");
        assertThat(send(aliceGbp, carolGbp, LARGE, "GBP", challenge).code()).as("another currency")
                .isEqualTo("challenge_mismatch");
        assertThat(balance(carolEur) + balance(daveEur) + balance(carolGbp)).isZero();
        assertThat(send(aliceEur, carolEur, LARGE, "EUR", challenge).status()).as("the bound payment still goes")
                .isEqualTo(201);
    }

    @Test
    void aUsedChallengeCannotBeReplayed() {
        var challenge = challengeFor(aliceEur, carolEur, 250_000, "EUR");
        assertThat(verify(challenge, nextCode()).status()).isEqualTo(200);
        assertThat(send(aliceEur, carolEur, 250_000, "EUR", challenge).code()).isEqualTo("insufficient_funds");
        var topUp = api.post("/api/v1/admin/accounts/" + aliceEur + "/deposits").token(bank.admin.token())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .json(Map.of("amount", 100_000, "reference", "top-up")).send();
        assertThat(topUp.status()).isEqualTo(201);
        var replay = send(aliceEur, carolEur, 250_000, "EUR", challenge);
        assertThat(replay.code()).isEqualTo("step_up_required");
        assertThat(replay.json().path("challengeId").asString()).isNotEqualTo(challenge);
        assertThat(verify(challenge, nextCode()).code()).isEqualTo("challenge_not_open");
    }

    @Test
    void aChallengeExpiresAfterFiveMinutes() {
        var challenge = challengeFor(aliceEur, carolEur, LARGE, "EUR");
        assertThat(verify(challenge, nextCode()).status()).isEqualTo(200);
        clock.freezeAt(clock.instant().plus(Duration.ofMinutes(5)));
        assertThat(send(aliceEur, carolEur, LARGE, "EUR", challenge).code()).isEqualTo("step_up_required");
        var late = challengeFor(aliceEur, carolEur, LARGE, "EUR");
        clock.freezeAt(clock.instant().plus(Duration.ofMinutes(5)));
        assertThat(verify(late, nextCode()).code()).isEqualTo("challenge_not_open");
        assertThat(balance(carolEur)).isZero();
    }

    @Test
    void twoTransfersRacingOnOneChallengeOnlyOnePasses() throws Exception {
        var challenge = challengeFor(aliceEur, carolEur, LARGE, "EUR");
        assertThat(verify(challenge, nextCode()).status()).isEqualTo(200);
        var pool = Executors.newFixedThreadPool(8);
        var tasks = new ArrayList<Callable<Api.Response>>();
        for (int i = 0; i < 8; i++) {
            tasks.add(() -> send(aliceEur, carolEur, LARGE, "EUR", challenge));
        }
        var statuses = new ArrayList<Integer>();
        for (var future : pool.invokeAll(tasks)) {
            statuses.add(future.get().status());
        }
        pool.shutdown();
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 403).hasSize(7);
        assertThat(balance(carolEur)).isEqualTo(LARGE);
    }

    @Test
    void aTotpCodeWorksOncePerUserForLoginAndStepUpAlike() {
        var enrolmentCode = currentCode();
        var first = challengeFor(aliceEur, carolEur, LARGE, "EUR");
        assertThat(verify(first, enrolmentCode).code()).as("the code that confirmed enrolment")
                .isEqualTo("invalid_code");
        var code = nextCode();
        assertThat(verify(first, code).status()).isEqualTo(200);
        var second = challengeFor(aliceEur, daveEur, LARGE, "EUR");
        assertThat(verify(second, code).code()).isEqualTo("invalid_code");
        var login = api.post("/api/v1/sessions")
                .json(Map.of("email", alice.email(), "password", PASSWORD, "totp", code)).send();
        assertThat(login.code()).isEqualTo("mfa_required");
        var loginCode = nextCode();
        assertThat(api.post("/api/v1/sessions")
                .json(Map.of("email", alice.email(), "password", PASSWORD, "totp", loginCode)).send().status())
                .isEqualTo(201);
        assertThat(verify(second, loginCode).code()).as("used at login").isEqualTo("invalid_code");
    }

    @Test
    void withoutASecondFactorLargePaymentsToNewPayeesAreRefused() {
        var bob = newUser("bob");
        var bobEur = bank.fundedAccount(bob, "EUR", 100_000);
        var refused = api.post("/api/v1/transfers").token(bob.token())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .json(Map.of("fromAccountId", bobEur, "toAccountId", carolEur, "amount", LARGE, "currency", "EUR"))
                .send();
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("second_factor_required");
    }

    @Test
    void challengesAreTheirOwnersOnlyAndBadInputIsRefused() {
        var challenge = challengeFor(aliceEur, carolEur, LARGE, "EUR");
        var mallory = newUser("mallory");
        assertThat(api.post("/api/v1/challenges/" + challenge + "/verify").token(mallory.token())
                .json(Map.of("totp", nextCode())).send().status()).isEqualTo(404);
        assertThat(api.post("/api/v1/challenges/chl_aaaaaaaaaaaaaaaaaaaaaaaaaa/verify").token(alice.token())
                .json(Map.of("totp", nextCode())).send().status()).isEqualTo(404);
        for (var body : new String[] {"{}", "{\"totp\":12}", "{\"totp\":\"\"}", "[]"}) {
            var answer = api.post("/api/v1/challenges/" + challenge + "/verify").token(alice.token())
                    .body("application/json", body).send();
            assertThat(answer.status()).as(body).isEqualTo(400);
        }
        assertThat(api.post("/api/v1/challenges/" + challenge + "/verify").json(Map.of("totp", "123456")).send()
                .status()).isEqualTo(401);
        assertThat(send(aliceEur, carolEur, LARGE, "EUR", challenge).code()).isEqualTo("challenge_not_verified");
    }

    @Test
    void aLargeCheckoutPaymentStepsUpToo() {
        var session = bank.session(LARGE, "automatic");
        var refused = bank.pay(alice.token(), session, aliceEur);
        assertThat(refused.code()).isEqualTo("step_up_required");
        var challenge = refused.json().path("challengeId").asString();
        assertThat(verify(challenge, nextCode()).status()).isEqualTo(200);
        var paid = api.post("/api/v1/checkout/sessions/" + session + "/pay").token(alice.token())
                .header("Idempotency-Key", UUID.randomUUID().toString()).header("Coffer-Challenge", challenge)
                .json(Map.of("accountId", aliceEur)).send();
        assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
    }

    private String challengeFor(String from, String to, long amount, String currency) {
        var refused = send(from, to, amount, currency, null);
        assertThat(refused.code()).as(refused.toString()).isEqualTo("step_up_required");
        return refused.json().path("challengeId").asString();
    }

    private Api.Response verify(String challenge, String code) {
        return api.post("/api/v1/challenges/" + challenge + "/verify").token(alice.token())
                .json(Map.of("totp", code)).send();
    }

    private Api.Response send(String from, String to, long amount, String currency, String challenge) {
        return send(from, to, amount, currency, challenge, UUID.randomUUID().toString());
    }

    private Api.Response send(String from, String to, long amount, String currency, String challenge, String key) {
        var call = api.post("/api/v1/transfers").token(alice.token()).header("Idempotency-Key", key);
        if (challenge != null) {
            call = call.header("Coffer-Challenge", challenge);
        }
        return call.json(Map.of("fromAccountId", from, "toAccountId", to, "amount", amount, "currency", currency))
                .send();
    }

    /** The code of the clock's current 30-second step. */
    private String currentCode() {
        return TotpCodes.code(secret, clock.instant().getEpochSecond() / 30);
    }

    /** Moves the clock to the next 30-second step (each step's code works once) and gives its code. */
    private String nextCode() {
        clock.freezeAt(clock.instant().plusSeconds(30));
        return currentCode();
    }

    private long balance(String account) {
        return jdbc.sql("SELECT ledger_balance FROM accounts WHERE id = :id").param("id", account).query(Long.class)
                .single();
    }
}
