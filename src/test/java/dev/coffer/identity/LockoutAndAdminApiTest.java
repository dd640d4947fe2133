package dev.coffer.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Brute-force lockout (known and unknown emails alike), admin role changes, audit of it all, bad input. */
class LockoutAndAdminApiTest extends IntegrationTest {

    @Test
    void fiveFailuresLockAnEmailEvenForTheRightPasswordUntilTheLockExpires() {
        var user = newUser("target");
        for (int i = 0; i < 5; i++) {
            var failed = api.post("/api/v1/sessions").json(Map.of("email", user.email(), "password", "guess " + i)).send();
            assertThat(failed.status()).isEqualTo(401);
        }
        var locked = api.post("/api/v1/sessions").json(Map.of("email", user.email(), "password", PASSWORD)).send();
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.code()).isEqualTo("too_many_attempts");
        assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(1L, 300L);
        clock.advance(Duration.ofMinutes(6));
        assertThat(api.post("/api/v1/sessions").json(Map.of("email", user.email(), "password", PASSWORD)).send()
                .status()).isEqualTo(201);
        var types = jdbc.sql("SELECT DISTINCT type FROM audit_events WHERE subject_id = :id").param("id", user.id())
                .query(String.class).list();
        assertThat(types).contains("login.failed", "login.locked", "login.succeeded");
    }

    @Test
    void unknownEmailsLockTheSameWay() {
        var email = uniqueEmail("ghost");
        for (int i = 0; i < 5; i++) {
            assertThat(api.post("/api/v1/sessions").json(Map.of("email", email, "password", "guess " + i)).send()
                    .status()).isEqualTo(401);
        }
        var locked = api.post("/api/v1/sessions").json(Map.of("email", email, "password", "guess")).send();
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.header("Retry-After")).isNotNull();
    }

    @Test
    void adminsSetRolesAndOthersCannot() {
        var admin = newUser("boss");
        grantRoles(admin.id(), "customer", "admin");
        var user = newUser("promoted");
        var granted = api.post("/api/v1/admin/users/" + user.id() + "/roles").token(admin.token())
                .json(Map.of("roles", List.of("customer", "merchant"))).send();
        assertThat(granted.status()).isEqualTo(200);
        assertThat(granted.json().path("roles").toString()).contains("merchant");
        assertThat(api.post("/api/v1/admin/users/" + user.id() + "/roles").token(user.token())
                .json(Map.of("roles", List.of("admin"))).send().status()).isEqualTo(403);
        assertThat(api.post("/api/v1/admin/users/usr_aaaaaaaaaaaaaaaaaaaaaaaaaa/roles").token(admin.token())
                .json(Map.of("roles", List.of("merchant"))).send().status()).isEqualTo(404);
        assertThat(api.post("/api/v1/admin/users/" + user.id() + "/roles").token(admin.token())
                .json(Map.of("roles", List.of("emperor"))).send().status()).isEqualTo(400);
        assertThat(api.get("/api/v1/admin/audit?type=roles.changed&limit=5").token(admin.token()).send().body())
                .contains(user.id());
    }

    @Test
    void malformedIdentityRequestsAreProblemsAndCreateNothing() {
        long users = count("users");
        long sessions = count("sessions");
        var cases = List.of(
                api.post("/api/v1/users").json("{\"email\":\"x@example.com\"}"),
                api.post("/api/v1/users").json("{\"email\":1,\"password\":2,\"displayName\":3}"),
                api.post("/api/v1/users").json("{\"email\":\"a@b.c\",\"password\":\"a long and unusual passphrase\","
                        + "\"displayName\":\"X\",\"isAdmin\":true}"),
                api.post("/api/v1/users").json("{not json"),
                api.post("/api/v1/users").body("text/plain", "email=x"),
                api.post("/api/v1/users").json("{\"email\":\"a@b.c\",\"password\":\"" + "x".repeat(70_000) + "\"}"),
                api.post("/api/v1/sessions").json("[]"),
                api.post("/api/v1/sessions/refresh").json("{}"));
        for (var call : cases) {
            var response = call.send();
            assertThat(response.status()).as(response.toString()).isBetween(400, 499);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.coffer");
        }
        assertThat(count("users")).isEqualTo(users);
        assertThat(count("sessions")).isEqualTo(sessions);
    }

    @Test
    void theAuditChainLinksEveryRow() {
        newUser("audited");
        var rows = jdbc.sql("SELECT seq, prev_hash, hash FROM audit_events ORDER BY seq").query((rs, n) ->
                new Object[] {rs.getLong(1), rs.getBytes(2), rs.getBytes(3)}).list();
        for (int i = 1; i < rows.size(); i++) {
            assertThat((byte[]) rows.get(i)[1]).isEqualTo((byte[]) rows.get(i - 1)[2]);
            assertThat((long) rows.get(i)[0]).isEqualTo((long) rows.get(i - 1)[0] + 1);
        }
    }
}
