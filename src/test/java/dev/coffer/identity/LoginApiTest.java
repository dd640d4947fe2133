package dev.coffer.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.support.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class LoginApiTest extends IntegrationTest {

    @Autowired
    MeterRegistry meters;

    @Test
    void registerLoginAndMe() {
        var user = newUser("ann");
        var me = api.get("/api/v1/me").token(user.token()).send();
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("email").asString()).isEqualTo(user.email());
        assertThat(me.json().path("mfaEnabled").asBoolean()).isFalse();
    }

    @Test
    void unknownEmailAndWrongPasswordLookTheSame() {
        var user = newUser("bob");
        var wrong = api.post("/api/v1/sessions").json(Map.of("email", user.email(), "password", "not the password!")).send();
        var unknown = api.post("/api/v1/sessions")
                .json(Map.of("email", uniqueEmail("nobody"), "password", "not the password!")).send();
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo(unknown.body());
        assertThat(wrong.code()).isEqualTo("invalid_credentials");
    }

    @Test
    void everyPasswordCheckIsTimedForOperators() {
        var work = meters.get("coffer.password.hash.work").timer();
        var wait = meters.get("coffer.password.hash.wait").timer();
        long before = work.count();
        newUser("timed"); // one hash to register, one check to log in
        assertThat(work.count() - before).isEqualTo(2);
        assertThat(wait.count()).isGreaterThanOrEqualTo(work.count());
        assertThat(work.mean(java.util.concurrent.TimeUnit.MILLISECONDS)).as("Argon2id m=19 MiB takes time").isPositive();
    }
}
