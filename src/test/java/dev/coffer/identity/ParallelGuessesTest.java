package dev.coffer.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.support.Api;
import dev.coffer.support.IntegrationTest;
import dev.coffer.support.TotpCodes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Guesses fired in parallel (the Keycloak #31726 failure): however many arrive at once, no more than
 * {@code max-login-failures} (5) are checked against the password per window, and the lock grows per lockout, not
 * per refused request.
 */
class ParallelGuessesTest extends IntegrationTest {

    private static final int CLIENTS = 20;
    private static final int GUESSES = 40;

    @Test
    void aBurstOfWrongPasswordsChecksAtMostFiveAndLocksOnce() throws Exception {
        var user = newUser("burst");
        var answers = burst(user.email(), i -> Map.of("email", user.email(), "password", "wrong guess " + i));
        assertThat(count(answers, 401)).as("passwords checked").isBetween(1, 5);
        assertThat(count(answers, 401) + count(answers, 429)).isEqualTo(GUESSES);
        assertThat(answers).filteredOn(a -> a.status() == 429)
                .allSatisfy(a -> assertThat(Long.parseLong(a.header("Retry-After"))).isBetween(1L, 300L));
        assertThat(lockouts(user.email())).isEqualTo(1);

        // After the first lock (5 min), the next burst locks for 10 min: growth per lockout.
        clock.advance(Duration.ofMinutes(6));
        var second = burst(user.email(), i -> Map.of("email", user.email(), "password", "again " + i));
        assertThat(count(second, 401)).isBetween(1, 5);
        assertThat(lockouts(user.email())).isEqualTo(2);
        var locked = api.post("/api/v1/sessions").json(Map.of("email", user.email(), "password", PASSWORD)).send();
        assertThat(locked.status()).isEqualTo(429);
        assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(301L, 600L);
    }

    @Test
    void aBurstOfWrongCodesAfterTheRightPasswordChecksAtMostFive() throws Exception {
        var user = newUser("codes");
        var secret = api.post("/api/v1/me/mfa/totp").token(user.token()).send().json().path("secret").asString();
        long step = clock.instant().getEpochSecond() / 30;
        assertThat(api.post("/api/v1/me/mfa/totp/confirm").token(user.token())
                .json(Map.of("code", TotpCodes.code(secret, step))).send().status()).isEqualTo(200);

        var answers = burst(user.email(),
                i -> Map.of("email", user.email(), "password", PASSWORD, "totp", String.format("%06d", i)));
        assertThat(answers).filteredOn(a -> a.status() == 401)
                .allSatisfy(a -> assertThat(a.code()).isEqualTo("mfa_required"))
                .hasSizeBetween(1, 5);
        assertThat(count(answers, 429)).isGreaterThanOrEqualTo(GUESSES - 5);
    }

    @Test
    void askingForTheCodeStepDoesNotUseUpAttempts() throws Exception {
        var user = newUser("steps");
        var secret = api.post("/api/v1/me/mfa/totp").token(user.token()).send().json().path("secret").asString();
        long step = clock.instant().getEpochSecond() / 30;
        api.post("/api/v1/me/mfa/totp/confirm").token(user.token())
                .json(Map.of("code", TotpCodes.code(secret, step))).send();
        for (int i = 0; i < 8; i++) {
            var noCode = api.post("/api/v1/sessions").json(Map.of("email", user.email(), "password", PASSWORD)).send();
            assertThat(noCode.code()).as("password right, code missing: not a failure").isEqualTo("mfa_required");
        }
        var login = api.post("/api/v1/sessions").json(Map.of("email", user.email(), "password", PASSWORD,
                "totp", TotpCodes.code(secret, step + 1))).send();
        assertThat(login.status()).isEqualTo(201);
    }

    private interface Body {
        Map<String, String> of(int i);
    }

    private List<Api.Response> burst(String email, Body body) throws Exception {
        var start = new CountDownLatch(1);
        try (var pool = Executors.newFixedThreadPool(CLIENTS)) {
            var futures = new ArrayList<Future<Api.Response>>();
            for (int i = 0; i < GUESSES; i++) {
                int guess = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return new Api(port).post("/api/v1/sessions").json(body.of(guess)).send();
                }));
            }
            start.countDown();
            var answers = new ArrayList<Api.Response>();
            for (var future : futures) {
                answers.add(future.get());
            }
            return answers;
        }
    }

    private static int count(List<Api.Response> answers, int status) {
        return (int) answers.stream().filter(a -> a.status() == status).count();
    }

    private int lockouts(String email) {
        return jdbc.sql("SELECT lockouts FROM login_failures WHERE email_key = lower(:email)").param("email", email)
                .query(Integer.class).single();
    }
}
