package dev.coffer.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Per-IP limits on logins and sign-ups (counted in PostgreSQL, so they hold across nodes). Low limits in a context of
 * their own; the clock is moved to a minute no other test uses, because the counts live in the shared database.
 */
@TestPropertySource(properties = {
        "coffer.identity.logins-per-ip-per-minute=6",
        "coffer.identity.registrations-per-ip-per-minute=4"})
class RateLimitApiTest extends IntegrationTest {

    @BeforeEach
    void freshMinute() {
        var now = Instant.now();
        var target = now.plus(Duration.ofDays(400 + (long) (Math.random() * 10_000))).truncatedTo(ChronoUnit.MINUTES)
                .plusSeconds(1);
        clock.advance(Duration.between(now, target));
    }

    @Test
    void loginsBeyondThePerIpLimitAre429EvenWithTheRightPasswordAndASpoofedForwardedFor() {
        for (int attempt = 1; attempt <= 6; attempt++) {
            var answer = attempt(uniqueEmail("nobody"), "not the password", null);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
        }
        var limited = attempt(uniqueEmail("nobody"), "not the password", null);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.code()).isEqualTo("too_many_attempts");
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(attempt(uniqueEmail("nobody"), "x", "203.0.113.7").status())
                .as("X-Forwarded-For is not trusted unless configured behind a proxy").isEqualTo(429);

        clock.advance(Duration.ofMinutes(1));
        assertThat(attempt(uniqueEmail("nobody"), "not the password", null).status()).as("next minute").isEqualTo(401);
    }

    @Test
    void signUpsBeyondThePerIpLimitAre429AndCreateNoUser() {
        for (int i = 1; i <= 4; i++) {
            assertThat(register(uniqueEmail("new")).status()).isEqualTo(201);
        }
        long users = count("users");
        var email = uniqueEmail("fifth");
        var limited = register(email);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.code()).isEqualTo("too_many_attempts");
        assertThat(count("users")).isEqualTo(users);
    }

    private dev.coffer.support.Api.Response attempt(String email, String password, String forwardedFor) {
        var call = api.post("/api/v1/sessions").json(Map.of("email", email, "password", password));
        if (forwardedFor != null) {
            call.header("X-Forwarded-For", forwardedFor);
        }
        return call.send();
    }

    private dev.coffer.support.Api.Response register(String email) {
        return api.post("/api/v1/users").json(Map.of("email", email, "password", PASSWORD, "displayName", "New"))
                .send();
    }
}
