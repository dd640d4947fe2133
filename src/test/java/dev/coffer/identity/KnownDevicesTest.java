package dev.coffer.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.support.Api;
import dev.coffer.support.IntegrationTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Lockout can't lock the owner out: failures from unknown devices lock the unknown devices only; a login that
 * presents a valid device token for that user is judged by its own failures (OWASP's device cookie).
 */
class KnownDevicesTest extends IntegrationTest {

    @Test
    void anAttackerLocksTheEmailButNotTheOwnersDevice() {
        var owner = newUser("owner");
        var deviceToken = logIn(owner.email(), PASSWORD, null).json().path("deviceToken").asString();
        assertThat(deviceToken).startsWith("cfd_");

        for (int i = 0; i < 5; i++) {
            assertThat(logIn(owner.email(), "attacker guess " + i, null).status()).isEqualTo(401);
        }
        assertThat(logIn(owner.email(), PASSWORD, null).status()).as("unknown devices are locked").isEqualTo(429);
        var fromOwnDevice = logIn(owner.email(), PASSWORD, deviceToken);
        assertThat(fromOwnDevice.status()).as("the owner's device is not").isEqualTo(201);
        assertThat(fromOwnDevice.json().path("deviceToken").asString()).isEqualTo(deviceToken);

        var attacker = newUser("attacker");
        var attackersDevice = logIn(attacker.email(), PASSWORD, null).json().path("deviceToken").asString();
        assertThat(logIn(owner.email(), PASSWORD, attackersDevice).status())
                .as("a device token counts only for its own user").isEqualTo(429);
        assertThat(logIn(owner.email(), PASSWORD, "cfd_forged").status()).isEqualTo(429);
    }

    @Test
    void aKnownDevicesOwnFailuresStillLockIt() {
        var owner = newUser("clumsy");
        var deviceToken = logIn(owner.email(), PASSWORD, null).json().path("deviceToken").asString();
        for (int i = 0; i < 5; i++) {
            assertThat(logIn(owner.email(), "typo " + i, deviceToken).status()).isEqualTo(401);
        }
        assertThat(logIn(owner.email(), PASSWORD, deviceToken).status()).isEqualTo(429);
        assertThat(logIn(owner.email(), PASSWORD, null).status()).as("other devices are not").isEqualTo(201);
    }

    @Test
    void newDeviceLoginsAreRecordedListedAndCanBeForgotten() {
        var user = newUser("traveller");
        var first = logIn(user.email(), PASSWORD, null).json().path("deviceToken").asString();
        logIn(user.email(), PASSWORD, first);
        logIn(user.email(), PASSWORD, null);
        var devices = api.get("/api/v1/me/devices").token(user.token()).send();
        assertThat(devices.status()).isEqualTo(200);
        assertThat(devices.json().path("data").size()).as("newUser's login, first, and one more").isEqualTo(3);
        var newDeviceLogins = jdbc.sql("""
                        SELECT count(*) FROM audit_events
                        WHERE subject_id = :id AND type = 'login.succeeded' AND data::jsonb ->> 'newDevice' = 'true'
                        """).param("id", user.id()).query(Long.class).single();
        assertThat(newDeviceLogins).isEqualTo(3);

        var deviceId = jdbc.sql("SELECT id FROM known_devices WHERE user_id = :id ORDER BY created_at LIMIT 1 OFFSET 1")
                .param("id", user.id()).query(String.class).single();
        assertThat(api.delete("/api/v1/me/devices/" + deviceId).token(user.token()).send().status()).isEqualTo(204);
        assertThat(api.delete("/api/v1/me/devices/" + deviceId).token(user.token()).send().status()).isEqualTo(404);
        var other = newUser("nosy");
        var someoneElses = jdbc.sql("SELECT id FROM known_devices WHERE user_id = :id LIMIT 1").param("id", user.id())
                .query(String.class).single();
        assertThat(api.delete("/api/v1/me/devices/" + someoneElses).token(other.token()).send().status())
                .isEqualTo(404);
        assertThat(logIn(user.email(), PASSWORD, first).json().path("deviceToken").asString())
                .as("a forgotten device gets a new token").isNotEqualTo(first);
    }

    private Api.Response logIn(String email, String password, String deviceToken) {
        var body = new HashMap<String, String>(Map.of("email", email, "password", password));
        if (deviceToken != null) {
            body.put("deviceToken", deviceToken);
        }
        return api.post("/api/v1/sessions").json(body).send();
    }
}
