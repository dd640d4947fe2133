package dev.coffer.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.support.Api;
import dev.coffer.support.TotpCodes;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * Passkeys in headless Chromium with a virtual authenticator (a platform authenticator that verifies its user, as
 * a phone's fingerprint or a laptop's PIN would): register one on the security page, log out, log in with it and no
 * password; remove it and be refused; another user cannot use it; a step-up confirmed with it. Chromium allows
 * WebAuthn on {@code http://localhost} (a secure context), never on an IP address.
 */
class PasskeyBrowserTest extends BrowserTest {

    private static final long LARGE = 30_000;

    private VirtualAuthenticator authenticator;

    @BeforeEach
    void plugInAuthenticator() {
        authenticator = browser.addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true).setHasUserVerification(true).setIsUserVerified(true)
                .setIsUserConsenting(true));
    }

    @AfterEach
    void unplugAuthenticator() {
        browser.removeVirtualAuthenticator(authenticator);
    }

    @Test
    void registerLogOutLogInWithThePasskeyAloneThenRemoveItAndBeRefused() {
        var alice = newUser("alice");
        logInAs(alice);
        addPasskey("Work laptop");
        var row = find("[data-testid=passkey]");
        assertThat(row.getText()).contains("Work laptop");
        screenshot("security-passkey");
        assertThat(audited(alice.id(), "passkey.added")).isEqualTo(1);

        submit("form#logout-form button[type=submit]");
        find("[data-testid=passkey-login]").click();
        find("form#logout-form");
        assertThat(find("form#logout-form").getText()).contains("alice");
        assertThat(sessionCookie()).isNotNull();
        assertThat(audited(alice.id(), "passkey.used")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM sessions WHERE user_id = :u AND revoked_at IS NULL")
                .param("u", alice.id()).query(Long.class).single()).as("the API's session and this one")
                .isGreaterThanOrEqualTo(2);
        assertThat(browser.manage().getCookieNamed("coffer_device")).as("a known device, as after a password login")
                .isNotNull();

        go("/settings/security");
        submit("[data-testid=remove-passkey]");
        assertThat(all("[data-testid=passkey]")).isEmpty();
        assertThat(audited(alice.id(), "passkey.removed")).isEqualTo(1);

        submit("form#logout-form button[type=submit]");
        find("[data-testid=passkey-login]").click();
        assertThat(find("[data-testid=error]").getText()).contains("not (or no longer) registered");
        assertThat(all("form#logout-form")).isEmpty();
        assertThat(sessionCookie()).isNull();
    }

    @Test
    void aUserAnAdminLockedCannotComeInWithTheirPasskeyEither() {
        var alice = newUser("alice");
        logInAs(alice);
        addPasskey("Phone");
        submit("form#logout-form button[type=submit]");
        var admin = newAdmin();
        assertThat(api.post("/api/v1/admin/users/" + alice.id() + "/lock").token(admin.token()).send().status())
                .isEqualTo(200);
        long sessionsBefore = jdbc.sql("SELECT count(*) FROM sessions WHERE user_id = :u").param("u", alice.id())
                .query(Long.class).single();

        find("[data-testid=passkey-login]").click();

        assertThat(find("[data-testid=error]").getText()).contains("locked");
        assertThat(all("form#logout-form")).isEmpty();
        assertThat(sessionCookie()).isNull();
        assertThat(jdbc.sql("SELECT count(*) FROM sessions WHERE user_id = :u").param("u", alice.id())
                .query(Long.class).single()).as("no session made").isEqualTo(sessionsBefore);
    }

    @Test
    void aPasskeyLogsInAtTheAuthorizationEndpointOfLogInWithCoffer() {
        var merchant = newUser("app-maker");
        grantRoles(merchant.id(), "customer", "merchant");
        var clientId = dev.coffer.support.AppTokens.registerPublicClient(api, merchant.token(),
                "http://localhost:9/callback", java.util.List.of("openid", "profile"));
        var alice = newUser("alice");
        logInAs(alice);
        addPasskey("Laptop");
        submit("form#logout-form button[type=submit]");

        var params = new java.util.LinkedHashMap<String, String>();
        params.put("response_type", "code");
        params.put("client_id", clientId);
        params.put("redirect_uri", "http://localhost:9/callback");
        params.put("scope", "openid profile");
        params.put("state", "s-" + UUID.randomUUID());
        params.put("code_challenge", dev.coffer.support.AppTokens.challenge("v".repeat(50)));
        params.put("code_challenge_method", "S256");
        go("/oauth2/authorize?" + dev.coffer.support.AppTokens.form(params));
        find("[data-testid=passkey-login]").click();
        find("form#consent-form");
        assertThat(browser.getCurrentUrl()).contains("/oauth/consent");
        assertThat(audited(alice.id(), "passkey.used")).isEqualTo(1);
    }

    @Test
    void aStepUpOnThePayPageIsConfirmedWithAPasskey() {
        clock.freezeAt(Instant.now());
        var shop = newShop();
        var alice = newUser("alice");
        var wallet = shop.fundedAccount(alice, "EUR", 100_000);
        var session = shop.session(40_000, "automatic");
        logInAs(alice);
        addPasskey("Phone");
        go("/pay/" + session);
        new Select(find("form#pay-form select[name=accountId]")).selectByValue(wallet);
        submit("form#pay-form button[type=submit]");
        assertThat(find("[data-testid=payment-status]").getAttribute("data-code")).isEqualTo("step_up_required");
        assertThat(all("[data-testid=payment-code]")).isEmpty();
        find("[data-testid=payment-passkey]").click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> balance(wallet) == 60_000);
    }

    @Test
    void aStepUpOnTheTransferPageIsConfirmedWithAPasskeyWithoutAnyTotp() {
        clock.freezeAt(Instant.now());
        var shop = newShop();
        var alice = newUser("alice");
        var wallet = shop.fundedAccount(alice, "EUR", 100_000);
        var payee = shop.fundedAccount(newUser("carol"), "EUR", 0);
        logInAs(alice);
        addPasskey("Phone");

        var refused = transfer(alice, wallet, payee, null);
        assertThat(refused.code()).as("a passkey is a second factor: not second_factor_required")
                .isEqualTo("step_up_required");

        go("/transfer");
        new Select(find("form#transfer-form select[name=fromAccountId]")).selectByValue(wallet);
        type("form#transfer-form input[name=toAccountId]", payee);
        type("form#transfer-form input[name=amount]", "300.00");
        submit("form#transfer-form button[type=submit]");
        assertThat(all("[data-testid=transfer-code]")).as("no TOTP to ask for").isEmpty();
        screenshot("transfer-step-up-passkey");
        submit("[data-testid=transfer-passkey]");
        assertThat(find("[data-testid=transfer-status]").getText()).contains("posted").contains("€300.00");
        assertThat(balance(payee)).isEqualTo(LARGE);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE type = 'passkey.used' AND data LIKE '%step_up%'"
                + " AND actor_id = :u").param("u", alice.id()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theApiVerifiesAChallengeWithTheOwnersPasskeyAndRefusesAnotherUsersPasskey() {
        clock.freezeAt(Instant.now());
        var shop = newShop();
        var alice = newUser("alice");
        var bob = newUser("bob");
        var aliceWallet = shop.fundedAccount(alice, "EUR", 100_000);
        var bobWallet = shop.fundedAccount(bob, "EUR", 100_000);
        var payee = shop.fundedAccount(newUser("carol"), "EUR", 0);
        logInAs(alice);
        addPasskey("Alice's laptop");
        enableTotp(bob);

        // Bob's challenge, answered by Alice's passkey (the only one on this device): refused, nothing moves.
        var bobChallenge = transfer(bob, bobWallet, payee, null).json().path("challengeId").asString();
        var bobOptions = api.post("/api/v1/challenges/" + bobChallenge + "/passkey-options").token(bob.token()).send();
        assertThat(bobOptions.status()).as(bobOptions.toString()).isEqualTo(200);
        var stolen = verify(bob, bobChallenge, sign(bobOptions.json().path("publicKey").toString()));
        assertThat(stolen.status()).as(stolen.toString()).isEqualTo(422);
        assertThat(stolen.code()).isEqualTo("invalid_code");
        assertThat(transfer(bob, bobWallet, payee, bobChallenge).code()).isEqualTo("challenge_not_verified");

        // Alice's own challenge, with her passkey: verified, and the payment goes through.
        var key = UUID.randomUUID().toString();
        var challenge = transfer(alice, aliceWallet, payee, null, key).json().path("challengeId").asString();
        var options = api.post("/api/v1/challenges/" + challenge + "/passkey-options").token(alice.token()).send();
        assertThat(options.json().path("publicKey").path("userVerification").asString()).isEqualTo("required");
        var assertion = sign(options.json().path("publicKey").toString());
        var verified = verify(alice, challenge, assertion);
        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
        assertThat(transfer(alice, aliceWallet, payee, challenge, key).status()).isEqualTo(201);
        assertThat(balance(payee)).isEqualTo(LARGE);

        // The same answer again (a replay) verifies nothing: its ceremony is spent.
        var next = transfer(alice, aliceWallet, newPayee(shop), null).json().path("challengeId").asString();
        assertThat(verify(alice, next, assertion).code()).isEqualTo("invalid_code");
        assertThat(api.post("/api/v1/challenges/" + next + "/passkey-options").token(bob.token()).send().status())
                .as("someone else's challenge").isEqualTo(404);
    }

    @Test
    void theTotpFormOfVerifyStillWorksAndBothFormsAtOnceAreRefused() {
        clock.freezeAt(Instant.now());
        var shop = newShop();
        var bob = newUser("bob");
        var wallet = shop.fundedAccount(bob, "EUR", 100_000);
        var payee = shop.fundedAccount(newUser("carol"), "EUR", 0);
        var secret = enableTotp(bob);
        var challenge = transfer(bob, wallet, payee, null).json().path("challengeId").asString();
        clock.freezeAt(clock.instant().plusSeconds(30));
        var code = TotpCodes.code(secret, clock.instant().getEpochSecond() / 30);
        var both = api.post("/api/v1/challenges/" + challenge + "/verify").token(bob.token())
                .json(Map.of("totp", code, "passkey", Map.of("id", "x", "rawId", "x", "type", "public-key",
                        "response", Map.of("authenticatorData", "x", "clientDataJSON", "x", "signature", "x"))))
                .send();
        assertThat(both.status()).isEqualTo(400);
        var garbage = api.post("/api/v1/challenges/" + challenge + "/verify").token(bob.token())
                .json(Map.of("passkey", Map.of("id", "x", "rawId", "x", "type", "public-key",
                        "response", Map.of("authenticatorData", "x", "clientDataJSON", "eyJ9", "signature", "x"))))
                .send();
        assertThat(garbage.code()).isEqualTo("invalid_passkey");
        assertThat(verify(bob, challenge, Map.of()).status()).as("neither").isEqualTo(400);
        var verified = api.post("/api/v1/challenges/" + challenge + "/verify").token(bob.token())
                .json(Map.of("totp", code)).send();
        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
    }

    private void addPasskey(String label) {
        go("/settings/security");
        type("#passkey-label", label);
        int before = all("[data-testid=passkey]").size();
        find("[data-testid=add-passkey]").click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> all("[data-testid=passkey]").size() == before + 1);
        assertThat(find("[data-testid=notice]").getText()).contains("added");
    }

    /** Has this page's authenticator answer {@code optionsJson} (as the API gave it); returns the answer. */
    private Object sign(String optionsJson) {
        go("/login");
        var json = (String) browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const o = JSON.parse(arguments[0]);
                const bytes = t => { const b = t.replace(/-/g, '+').replace(/_/g, '/');
                  return Uint8Array.from(atob(b + '='.repeat((4 - b.length % 4) % 4)), c => c.charCodeAt(0)); };
                const text = buf => btoa(String.fromCharCode(...new Uint8Array(buf)))
                  .replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
                o.challenge = bytes(o.challenge);
                o.allowCredentials = (o.allowCredentials || []).map(c => ({...c, id: bytes(c.id)}));
                navigator.credentials.get({publicKey: o}).then(c => done(JSON.stringify({id: c.id,
                  rawId: text(c.rawId), type: c.type, response: {authenticatorData: text(c.response.authenticatorData),
                  clientDataJSON: text(c.response.clientDataJSON), signature: text(c.response.signature),
                  userHandle: c.response.userHandle ? text(c.response.userHandle) : null},
                  clientExtensionResults: c.getClientExtensionResults(),
                  authenticatorAttachment: c.authenticatorAttachment}))).catch(e => done('error: ' + e));
                """, optionsJson);
        assertThat(json).doesNotStartWith("error");
        return Api.json().readValue(json, Map.class);
    }

    private Api.Response verify(TestUser user, String challenge, Object passkey) {
        return api.post("/api/v1/challenges/" + challenge + "/verify").token(user.token())
                .json(passkey instanceof Map<?, ?> m && m.isEmpty() ? Map.of() : Map.of("passkey", passkey)).send();
    }

    private String enableTotp(TestUser user) {
        var secret = api.post("/api/v1/me/mfa/totp").token(user.token()).send().json().path("secret").asString();
        var code = TotpCodes.code(secret, clock.instant().getEpochSecond() / 30);
        assertThat(api.post("/api/v1/me/mfa/totp/confirm").token(user.token()).json(Map.of("code", code)).send()
                .status()).isEqualTo(200);
        return secret;
    }

    private String newPayee(dev.coffer.support.Shop shop) {
        return shop.fundedAccount(newUser("dave"), "EUR", 0);
    }

    private Api.Response transfer(TestUser user, String from, String to, String challenge) {
        return transfer(user, from, to, challenge, UUID.randomUUID().toString());
    }

    private Api.Response transfer(TestUser user, String from, String to, String challenge, String key) {
        var call = api.post("/api/v1/transfers").token(user.token()).header("Idempotency-Key", key);
        if (challenge != null) {
            call = call.header("Coffer-Challenge", challenge);
        }
        return call.json(Map.of("fromAccountId", from, "toAccountId", to, "amount", LARGE, "currency", "EUR"))
                .send();
    }

    private long audited(String userId, String type) {
        return jdbc.sql("SELECT count(*) FROM audit_events WHERE type = :type AND subject_id = :user")
                .param("type", type).param("user", userId).query(Long.class).single();
    }

    private long balance(String account) {
        return jdbc.sql("SELECT ledger_balance FROM accounts WHERE id = :id").param("id", account).query(Long.class)
                .single();
    }
}
