package dev.coffer.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.support.Api;
import dev.coffer.support.IntegrationTest;
import dev.coffer.support.TotpCodes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Turning two-factor login off and making new recovery codes: each needs a current TOTP code or a recovery code,
 * a wrong one changes nothing, and wrong codes are limited.
 */
class MfaManagementApiTest extends IntegrationTest {

    private TestUser user;
    private String secret;
    private List<String> recoveryCodes;

    @BeforeEach
    void enrol() {
        clock.freezeAt(Instant.now());
        user = newUser("careful");
        secret = api.post("/api/v1/me/mfa/totp").token(user.token()).send().json().path("secret").asString();
        var confirmed = api.post("/api/v1/me/mfa/totp/confirm").token(user.token())
                .json(Map.of("code", currentCode())).send();
        assertThat(confirmed.status()).isEqualTo(200);
        recoveryCodes = codes(confirmed);
    }

    @Test
    void newRecoveryCodesReplaceTheOldOnes() {
        var wrong = post("/api/v1/me/mfa/recovery-codes", "000000");
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.code()).isEqualTo("invalid_code");

        var renewed = post("/api/v1/me/mfa/recovery-codes", nextCode());
        assertThat(renewed.status()).as(renewed.toString()).isEqualTo(200);
        var fresh = codes(renewed);
        assertThat(fresh).hasSize(10).doesNotContainAnyElementsOf(recoveryCodes);

        assertThat(login(recoveryCodes.get(1)).code()).as("an old code is dead").isEqualTo("mfa_required");
        assertThat(login(fresh.getFirst()).status()).isEqualTo(201);
        assertThat(audited("mfa.recovery_codes_regenerated")).isEqualTo(1);

        var withRecovery = post("/api/v1/me/mfa/recovery-codes", fresh.get(1));
        assertThat(withRecovery.status()).as("a recovery code proves it too").isEqualTo(200);
    }

    @Test
    void turningTwoFactorOffNeedsACodeAndForgetsEverything() {
        var wrong = post("/api/v1/me/mfa/totp/disable", "123456");
        assertThat(wrong.code()).isEqualTo("invalid_code");
        assertThat(mfaEnabled()).as("a wrong code changes nothing").isTrue();
        var missing = api.post("/api/v1/me/mfa/totp/disable").token(user.token()).json(Map.of()).send();
        assertThat(missing.status()).isEqualTo(400);
        assertThat(mfaEnabled()).isTrue();

        var off = post("/api/v1/me/mfa/totp/disable", recoveryCodes.getFirst());
        assertThat(off.status()).as(off.toString()).isEqualTo(204);
        assertThat(mfaEnabled()).isFalse();
        var plain = api.post("/api/v1/sessions").json(Map.of("email", user.email(), "password", PASSWORD)).send();
        assertThat(plain.status()).as("no code asked any more").isEqualTo(201);
        assertThat(jdbc.sql("SELECT count(*) FROM recovery_codes WHERE user_id = :u").param("u", user.id())
                .query(Long.class).single()).isZero();
        assertThat(audited("mfa.disabled")).isEqualTo(1);

        assertThat(post("/api/v1/me/mfa/totp/disable", nextCode()).code()).isEqualTo("mfa_not_enabled");
        assertThat(post("/api/v1/me/mfa/recovery-codes", nextCode()).code()).isEqualTo("mfa_not_enabled");
        assertThat(api.post("/api/v1/me/mfa/totp").token(user.token()).send().status())
                .as("it can be set up again").isEqualTo(200);
    }

    @Test
    void wrongCodesAreLimited() {
        for (int i = 0; i < 10; i++) {
            assertThat(post("/api/v1/me/mfa/totp/disable", "00000" + i).code()).isEqualTo("invalid_code");
        }
        var limited = post("/api/v1/me/mfa/totp/disable", nextCode());
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isNotBlank();
        assertThat(mfaEnabled()).isTrue();
    }

    @Test
    void oneCodeRenewsTheRecoveryCodesOnceEvenWhenTwoRequestsRace() {
        var code = nextCode();
        var first = CompletableFuture.supplyAsync(() -> post("/api/v1/me/mfa/recovery-codes", code));
        var second = CompletableFuture.supplyAsync(() -> post("/api/v1/me/mfa/recovery-codes", code));
        var statuses = List.of(first.join().status(), second.join().status());
        assertThat(statuses).containsExactlyInAnyOrder(200, 422);
        assertThat(jdbc.sql("SELECT count(*) FROM recovery_codes WHERE user_id = :u").param("u", user.id())
                .query(Long.class).single()).isEqualTo(10);
    }

    private Api.Response post(String path, String code) {
        return api.post(path).token(user.token()).json(Map.of("code", code)).send();
    }

    private Api.Response login(String code) {
        return api.post("/api/v1/sessions").json(Map.of("email", user.email(), "password", PASSWORD, "totp", code))
                .send();
    }

    private boolean mfaEnabled() {
        return api.get("/api/v1/me").token(user.token()).send().json().path("mfaEnabled").asBoolean();
    }

    private long audited(String type) {
        return jdbc.sql("SELECT count(*) FROM audit_events WHERE type = :type AND subject_id = :user")
                .param("type", type).param("user", user.id()).query(Long.class).single();
    }

    private String currentCode() {
        return TotpCodes.code(secret, clock.instant().getEpochSecond() / 30);
    }

    /** The code of the next time step (each step is accepted once per user). */
    private String nextCode() {
        clock.freezeAt(clock.instant().plusSeconds(30));
        return currentCode();
    }

    private static List<String> codes(Api.Response response) {
        var codes = new ArrayList<String>();
        response.json().path("recoveryCodes").forEach(c -> codes.add(c.asString()));
        return codes;
    }
}
