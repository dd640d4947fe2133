package dev.coffer.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.support.TotpCodes;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The security page's two-factor controls: new recovery codes (shown once, the old ones dead), turning it off. */
class TwoFactorSettingsBrowserTest extends BrowserTest {

    @Test
    void newRecoveryCodesThenTurningTwoFactorOffEachNeedACode() {
        clock.freezeAt(Instant.now());
        var alice = newUser("alice");
        var secret = api.post("/api/v1/me/mfa/totp").token(alice.token()).send().json().path("secret").asString();
        var confirmed = api.post("/api/v1/me/mfa/totp/confirm").token(alice.token())
                .json(Map.of("code", code(secret))).send();
        var oldRecoveryCode = confirmed.json().path("recoveryCodes").get(0).asString();

        open("/login");
        clock.freezeAt(clock.instant().plusSeconds(30));
        logIn(alice.email(), PASSWORD);
        type("input[name=totp]", code(secret));
        submit("form#login-form button[type=submit]");
        go("/settings/security");

        type("#recovery-code", "000000");
        submit("[data-testid=regenerate-recovery-codes]");
        assertThat(find("[data-testid=error]").getText()).contains("wrong").contains("Nothing changed");
        assertThat(all("[data-testid=recovery-codes]")).isEmpty();

        clock.freezeAt(clock.instant().plusSeconds(30));
        type("#recovery-code", code(secret));
        submit("[data-testid=regenerate-recovery-codes]");
        assertThat(all("[data-testid=recovery-codes] li")).hasSize(10);
        screenshot("security-new-recovery-codes");
        go("/settings/security");
        assertThat(all("[data-testid=recovery-codes]")).as("shown once").isEmpty();

        type("#disable-code", oldRecoveryCode);
        submit("[data-testid=disable-mfa]");
        assertThat(find("[data-testid=error]").getText()).as("the old codes are dead").contains("wrong");
        assertThat(find("[data-testid=mfa-status]").getText()).contains("on");

        clock.freezeAt(clock.instant().plusSeconds(30));
        type("#disable-code", code(secret));
        submit("[data-testid=disable-mfa]");
        assertThat(find("[data-testid=notice]").getText()).contains("Two-factor login is off");
        find("form#mfa-start-form");
        assertThat(api.get("/api/v1/me").token(alice.token()).send().json().path("mfaEnabled").asBoolean()).isFalse();
    }

    private String code(String secret) {
        return TotpCodes.code(secret, clock.instant().getEpochSecond() / 30);
    }
}
