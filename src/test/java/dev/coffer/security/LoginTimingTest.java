package dev.coffer.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.support.IntegrationTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * No user enumeration by timing: a login with an unknown email must take as long as one with a wrong password
 * (both pay one Argon2id check; the unknown email's against a dummy hash). Without that, the unknown email answers
 * in about a millisecond and the wrong password in tens of milliseconds: the two distributions would not overlap.
 * The attempts alternate so machine noise hits both alike; each email gets fewer attempts than the lockout allows.
 */
class LoginTimingTest extends IntegrationTest {

    private static final int SAMPLES = 24;
    private static final int ATTEMPTS_PER_EMAIL = 3;

    @Test
    void unknownEmailAndWrongPasswordTakeTheSameTime() {
        var users = new ArrayList<TestUser>();
        for (int i = 0; i < SAMPLES / ATTEMPTS_PER_EMAIL; i++) {
            users.add(newUser("timing"));
        }
        login(uniqueEmail("warm-up"), "warm-up password"); // first calls pay class loading; not measured
        var unknownMillis = new double[SAMPLES];
        var wrongMillis = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            unknownMillis[i] = login(uniqueEmail("nobody"), "a wrong but plausible password");
            wrongMillis[i] = login(users.get(i / ATTEMPTS_PER_EMAIL).email(), "a wrong but plausible password");
        }
        double unknownMedian = percentile(unknownMillis, 50);
        double wrongMedian = percentile(wrongMillis, 50);
        var report = "unknown email: " + summary(unknownMillis) + "; wrong password: " + summary(wrongMillis);
        System.out.println("login timing (" + SAMPLES + " each): " + report);
        assertThat(Math.abs(unknownMedian - wrongMedian)).as(report).isLessThan(0.25 * wrongMedian);
        assertThat(percentile(unknownMillis, 10)).as(report).isGreaterThan(0.5 * percentile(wrongMillis, 10));
    }

    /** One failing login; returns its round-trip time in milliseconds. */
    private double login(String email, String password) {
        var answer = api.post("/api/v1/sessions").json(Map.of("email", email, "password", password)).send();
        double millis = answer.roundTripNanos() / 1e6;
        assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
        assertThat(answer.code()).isEqualTo("invalid_credentials");
        return millis;
    }

    private static double percentile(double[] values, int percent) {
        var sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(percent / 100.0 * sorted.length))];
    }

    private static String summary(double[] values) {
        return List.of(10, 50, 90).stream().map(p -> "p" + p + " " + Math.round(percentile(values, p)) + " ms")
                .toList().toString();
    }
}
