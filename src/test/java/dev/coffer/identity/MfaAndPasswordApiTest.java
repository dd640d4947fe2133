package dev.coffer.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.support.IntegrationTest;
import dev.coffer.support.TotpCodes;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** TOTP enrolment and login, recovery codes, password change. Codes are computed here from RFC 6238 directly. */
class MfaAndPasswordApiTest extends IntegrationTest {

    @Test
    void totpEnrolmentThenLoginWithCodesAndRecoveryCodes() throws Exception {
        var user = newUser("mfa");
        var start = api.post("/api/v1/me/mfa/totp").token(user.token()).send();
        assertThat(start.status()).isEqualTo(200);
        var secret = start.json().path("secret").asString();
        assertThat(start.json().path("otpauthUri").asString()).startsWith("otpauth://totp/").contains(secret);

        var wrong = api.post("/api/v1/me/mfa/totp/confirm").token(user.token()).json(Map.of("code", "000000")).send();
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.code()).isEqualTo("invalid_code");
        long step = clock.instant().getEpochSecond() / 30;
        var confirmed = api.post("/api/v1/me/mfa/totp/confirm").token(user.token())
                .json(Map.of("code", totp(secret, step))).send();
        assertThat(confirmed.status()).isEqualTo(200);
        var codes = new ArrayList<String>();
        confirmed.json().path("recoveryCodes").forEach(c -> codes.add(c.asString()));
        assertThat(codes).hasSize(10).doesNotHaveDuplicates();
        assertThat(api.get("/api/v1/me").token(user.token()).send().json().path("mfaEnabled").asBoolean()).isTrue();
        assertThat(api.post("/api/v1/me/mfa/totp").token(user.token()).send().code()).isEqualTo("mfa_already_enabled");

        var noCode = api.post("/api/v1/sessions").json(Map.of("email", user.email(), "password", PASSWORD)).send();
        assertThat(noCode.status()).isEqualTo(401);
        assertThat(noCode.code()).isEqualTo("mfa_required");
        var next = totp(secret, step + 1);
        var withCode = api.post("/api/v1/sessions").json(Map.of("email", user.email(), "password", PASSWORD,
                "totp", next)).send();
        assertThat(withCode.status()).isEqualTo(201);
        var replayed = api.post("/api/v1/sessions").json(Map.of("email", user.email(), "password", PASSWORD,
                "totp", next)).send();
        assertThat(replayed.code()).as("a code works once").isEqualTo("mfa_required");

        var recovery = codes.getFirst();
        assertThat(api.post("/api/v1/sessions").json(Map.of("email", user.email(), "password", PASSWORD,
                "totp", recovery)).send().status()).isEqualTo(201);
        assertThat(api.post("/api/v1/sessions").json(Map.of("email", user.email(), "password", PASSWORD,
                "totp", recovery)).send().status()).isEqualTo(401);
    }

    @Test
    void confirmingWithoutStartingIsAConflict() {
        var user = newUser("eager");
        var response = api.post("/api/v1/me/mfa/totp/confirm").token(user.token()).json(Map.of("code", "123456")).send();
        assertThat(response.status()).isEqualTo(409);
        assertThat(response.code()).isEqualTo("mfa_not_started");
    }

    @Test
    void passwordChangeRevokesOtherSessionsOnly() {
        var user = newUser("changer");
        var other = login(user.id(), user.email(), PASSWORD);
        var wrong = api.put("/api/v1/me/password").token(user.token())
                .json(Map.of("currentPassword", "not the password", "newPassword", "another long passphrase")).send();
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.code()).isEqualTo("invalid_credentials");
        var weak = api.put("/api/v1/me/password").token(user.token())
                .json(Map.of("currentPassword", PASSWORD, "newPassword", "password1234")).send();
        assertThat(weak.code()).isEqualTo("weak_password");
        var changed = api.put("/api/v1/me/password").token(user.token())
                .json(Map.of("currentPassword", PASSWORD, "newPassword", "another long passphrase")).send();
        assertThat(changed.status()).isEqualTo(204);
        assertThat(api.get("/api/v1/me").token(user.token()).send().status()).isEqualTo(200);
        assertThat(api.get("/api/v1/me").token(other.token()).send().status()).isEqualTo(401);
        assertThat(api.post("/api/v1/sessions").json(Map.of("email", user.email(), "password", PASSWORD)).send()
                .status()).isEqualTo(401);
        assertThat(api.post("/api/v1/sessions").json(Map.of("email", user.email(),
                "password", "another long passphrase")).send().status()).isEqualTo(201);
    }

    static String totp(String base32Secret, long step) {
        return TotpCodes.code(base32Secret, step);
    }
}
