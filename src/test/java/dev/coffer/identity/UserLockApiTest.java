package dev.coffer.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.support.AppTokens;
import dev.coffer.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/v1/admin/users/{id}/lock} and {@code /unlock}: a locked user cannot log in ({@code user_locked},
 * only after the right password), every token they held is dead at once (session, refresh, app), it is audited, and
 * unlocking lets them in again. Each refusal, for admins and everyone else.
 */
class UserLockApiTest extends IntegrationTest {

    private static final List<String> APP_SCOPES = List.of("openid", "accounts:read");

    @Test
    void aLockedUserCannotLogInAndEveryTokenOfTheirsIsDeadAtOnce() {
        var admin = newAdmin();
        var user = newUser("lockee");
        var second = login(user.id(), user.email(), PASSWORD);
        var app = appAccessToken(user);
        assertThat(api.get("/api/v1/accounts").token(app).send().status()).isEqualTo(200);

        var locked = api.post("/api/v1/admin/users/" + user.id() + "/lock").token(admin.token()).send();
        assertThat(locked.status()).as(locked.toString()).isEqualTo(200);
        assertThat(locked.json().path("locked").asBoolean()).isTrue();
        assertThat(locked.json().path("lockedAt").asString()).isNotBlank();
        assertThat(locked.json().path("id").asString()).isEqualTo(user.id());

        for (var token : List.of(user.token(), second.token(), app)) {
            assertThat(api.get("/api/v1/accounts").token(token).send().status()).isEqualTo(401);
        }
        var refresh = api.post("/api/v1/sessions/refresh").json(Map.of("refreshToken", user.refreshToken())).send();
        assertThat(refresh.status()).isEqualTo(401);
        var login = api.post("/api/v1/sessions").json(Map.of("email", user.email(), "password", PASSWORD)).send();
        assertThat(login.status()).isEqualTo(401);
        assertThat(login.code()).isEqualTo("user_locked");
        // A wrong password says nothing about the lock.
        var guess = api.post("/api/v1/sessions").json(Map.of("email", user.email(), "password", "a wrong guess!!"))
                .send();
        assertThat(guess.status()).isEqualTo(401);
        assertThat(guess.code()).isEqualTo("invalid_credentials");
        assertThat(liveSessions(user.id())).isZero();

        // Locking again changes nothing and audits nothing.
        var again = api.post("/api/v1/admin/users/" + user.id() + "/lock").token(admin.token()).send();
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("lockedAt").asString()).isEqualTo(locked.json().path("lockedAt").asString());

        var unlocked = api.post("/api/v1/admin/users/" + user.id() + "/unlock").token(admin.token()).send();
        assertThat(unlocked.status()).isEqualTo(200);
        assertThat(unlocked.json().path("locked").asBoolean()).isFalse();
        assertThat(unlocked.json().path("lockedAt").isNull()).isTrue();
        assertThat(api.post("/api/v1/admin/users/" + user.id() + "/unlock").token(admin.token()).send().status())
                .isEqualTo(200);
        var back = login(user.id(), user.email(), PASSWORD);
        assertThat(api.get("/api/v1/me").token(back.token()).send().status()).isEqualTo(200);
        // The old tokens stay dead: unlocking gives nothing back.
        assertThat(api.get("/api/v1/me").token(user.token()).send().status()).isEqualTo(401);

        var audit = jdbc.sql("""
                SELECT type, actor_id FROM audit_events WHERE subject_id = :id AND type LIKE 'user.%lock%'
                ORDER BY seq""").param("id", user.id()).query((rs, n) -> rs.getString(1) + " by " + rs.getString(2))
                .list();
        assertThat(audit).containsExactly("user.locked by " + admin.id(), "user.unlocked by " + admin.id());
    }

    @Test
    void anAdminCannotLockThemselvesAndUnknownUsersAre404() {
        var admin = newAdmin();
        var self = api.post("/api/v1/admin/users/" + admin.id() + "/lock").token(admin.token()).send();
        assertThat(self.status()).isEqualTo(409);
        assertThat(self.code()).isEqualTo("cannot_lock_self");
        assertThat(api.get("/api/v1/me").token(admin.token()).send().status()).isEqualTo(200);

        for (var action : List.of("lock", "unlock")) {
            var unknown = api.post("/api/v1/admin/users/usr_aaaaaaaaaaaaaaaaaaaaaaaaaa/" + action).token(admin.token())
                    .send();
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.code()).isEqualTo("not_found");
            // An id of another shape names nothing either.
            assertThat(api.post("/api/v1/admin/users/acc_aaaaaaaaaaaaaaaaaaaaaaaaaa/" + action).token(admin.token())
                    .send().status()).isEqualTo(404);
            assertThat(api.post("/api/v1/admin/users/%20x/" + action).token(admin.token()).send().status())
                    .isBetween(400, 404);
        }
    }

    @Test
    void onlyAdminsMayLockOrUnlockAndARefusalChangesNothing() {
        var shop = newShop();
        var victim = newUser("victim");
        var customer = newUser("nosy");
        for (var action : List.of("lock", "unlock")) {
            var path = "/api/v1/admin/users/" + victim.id() + "/" + action;
            assertThat(api.post(path).token(customer.token()).send().status()).isEqualTo(403);
            assertThat(api.post(path).token(shop.merchant.token()).send().status()).isEqualTo(403);
            assertThat(api.post(path).token(shop.apiKey).send().status()).isEqualTo(403);
            assertThat(api.post(path).send().status()).isEqualTo(401);
        }
        assertThat(api.get("/api/v1/me").token(victim.token()).send().status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT locked_at IS NULL FROM users WHERE id = :id").param("id", victim.id())
                .query(Boolean.class).single()).isTrue();
    }

    private TestUser newAdmin() {
        var admin = newUser("locker");
        grantRoles(admin.id(), "customer", "admin");
        return admin;
    }

    private long liveSessions(String userId) {
        return jdbc.sql("SELECT count(*) FROM sessions WHERE user_id = :id AND revoked_at IS NULL")
                .param("id", userId).query(Long.class).single();
    }

    /** An app's access token for {@code user} (scope accounts:read), from another merchant's app. */
    private String appAccessToken(TestUser user) {
        var maker = newUser("appmaker");
        grantRoles(maker.id(), "customer", "merchant");
        var client = AppTokens.registerPublicClient(api, maker.token(), "http://localhost:9/cb", APP_SCOPES);
        return new AppTokens(port).tokens(user.token(), client, "http://localhost:9/cb", APP_SCOPES)
                .path("access_token").asString();
    }
}
