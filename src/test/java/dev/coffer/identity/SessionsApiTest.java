package dev.coffer.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.support.IntegrationTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Registration, login, logout, refresh rotation and reuse detection, session listing and revocation, /me. */
class SessionsApiTest extends IntegrationTest {

    @Test
    void registrationAnswersTheContract() {
        var email = uniqueEmail("Reg");
        var created = api.post("/api/v1/users").json(Map.of("email", email, "password", PASSWORD, "displayName", "Reg"))
                .send();
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("id").asString()).startsWith("usr_");
        assertThat(created.json().path("roles").get(0).asString()).isEqualTo("customer");
        assertThat(created.json().has("password")).isFalse();
        var again = api.post("/api/v1/users").json(Map.of("email", email.toUpperCase(), "password", PASSWORD,
                "displayName", "Twin")).send();
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("email_taken");
    }

    @Test
    void weakPasswordsAreRefused() {
        for (var weak : new String[] {"short", "password1234", "qwertyuiopas", "aaaaaaaaaaaaaaaa", "dragon2024!!!!"}) {
            var response = api.post("/api/v1/users").json(Map.of("email", uniqueEmail("weak"), "password", weak,
                    "displayName", "Weak")).send();
            assertThat(response.status()).as(weak).isEqualTo(422);
            assertThat(response.code()).as(weak).isEqualTo("weak_password");
        }
    }

    @Test
    void loginGivesATokenThatLogoutKillsAtOnce() {
        var user = newUser("short-lived");
        assertThat(api.get("/api/v1/me").token(user.token()).send().status()).isEqualTo(200);
        assertThat(api.delete("/api/v1/sessions/current").token(user.token()).send().status()).isEqualTo(204);
        var after = api.get("/api/v1/me").token(user.token()).send();
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.contentType()).startsWith("application/problem+json");
        assertThat(api.post("/api/v1/sessions/refresh").json(Map.of("refreshToken", user.refreshToken())).send()
                .status()).isEqualTo(401);
    }

    @Test
    void refreshRotatesAndReuseRevokesTheWholeSession() {
        var user = newUser("rotator");
        var refreshed = api.post("/api/v1/sessions/refresh").json(Map.of("refreshToken", user.refreshToken())).send();
        assertThat(refreshed.status()).isEqualTo(201);
        var newToken = refreshed.json().path("token").asString();
        var newRefresh = refreshed.json().path("refreshToken").asString();
        assertThat(newRefresh).isNotEqualTo(user.refreshToken());
        assertThat(api.get("/api/v1/me").token(newToken).send().status()).isEqualTo(200);

        var reuse = api.post("/api/v1/sessions/refresh").json(Map.of("refreshToken", user.refreshToken())).send();
        assertThat(reuse.status()).isEqualTo(401);
        assertThat(reuse.code()).isEqualTo("invalid_token");
        assertThat(api.get("/api/v1/me").token(newToken).send().status()).as("family revoked").isEqualTo(401);
        assertThat(api.post("/api/v1/sessions/refresh").json(Map.of("refreshToken", newRefresh)).send().status())
                .isEqualTo(401);
    }

    @Test
    void accessTokensExpire() {
        var user = newUser("expiring");
        clock.advance(Duration.ofMinutes(16));
        assertThat(api.get("/api/v1/me").token(user.token()).send().status()).isEqualTo(401);
        var refreshed = api.post("/api/v1/sessions/refresh").json(Map.of("refreshToken", user.refreshToken())).send();
        assertThat(refreshed.status()).isEqualTo(201);
    }

    @Test
    void sessionsAreListedAndRevocableByTheirOwnerOnly() {
        var user = newUser("multi");
        var second = login(user.id(), user.email(), PASSWORD);
        var list = api.get("/api/v1/sessions").token(user.token()).header("User-Agent", "test").send();
        assertThat(list.status()).isEqualTo(200);
        var sessions = list.json().path("data");
        assertThat(sessions.size()).isEqualTo(2);
        var current = 0;
        String otherId = null;
        for (var s : sessions) {
            assertThat(s.path("id").asString()).startsWith("ses_");
            assertThat(s.has("createdAt") && s.has("lastSeenAt") && s.has("userAgent") && s.has("ip")).isTrue();
            if (s.path("current").asBoolean()) {
                current++;
            } else {
                otherId = s.path("id").asString();
            }
        }
        assertThat(current).isEqualTo(1);

        var stranger = newUser("stranger");
        assertThat(api.delete("/api/v1/sessions/" + otherId).token(stranger.token()).send().status()).isEqualTo(404);
        assertThat(api.get("/api/v1/me").token(second.token()).send().status()).isEqualTo(200);
        assertThat(api.delete("/api/v1/sessions/" + otherId).token(user.token()).send().status()).isEqualTo(204);
        assertThat(api.get("/api/v1/me").token(second.token()).send().status()).isEqualTo(401);
    }

    @Test
    void meNeedsAToken() {
        assertThat(api.get("/api/v1/me").send().status()).isEqualTo(401);
        var bad = api.get("/api/v1/me").token("cfa_not_a_real_token").send();
        assertThat(bad.status()).isEqualTo(401);
        assertThat(bad.code()).isEqualTo("invalid_token");
    }
}
