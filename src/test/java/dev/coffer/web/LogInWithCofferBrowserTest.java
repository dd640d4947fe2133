package dev.coffer.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import com.nimbusds.openid.connect.sdk.validators.AccessTokenValidator;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import com.sun.net.httpserver.HttpServer;
import dev.coffer.support.AppTokens;
import dev.coffer.support.TotpCodes;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * "Log in with Coffer" end to end, with a relying party that is not Coffer's code: Nimbus' OAuth 2.0 / OpenID
 * Connect SDK discovers the provider, builds the authorization request (PKCE S256, nonce, state), exchanges the
 * code, validates the ID token against the JWKS (signature, issuer, audience, nonce, {@code at_hash}), calls
 * userinfo, refreshes (rotation) and logs out; headless Chromium plays the user (password, TOTP, consent) and
 * revokes the app from the security page.
 */
class LogInWithCofferBrowserTest extends BrowserTest {

    private HttpServer app;
    private URI callback;

    @BeforeEach
    void startTheApp() throws Exception {
        app = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        app.createContext("/callback", exchange -> {
            var page = "<!DOCTYPE html><title>Streamly</title><p id=app>Back at Streamly</p>"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        app.start();
        callback = URI.create("http://localhost:" + app.getAddress().getPort() + "/callback");
    }

    @AfterEach
    void stopTheApp() {
        app.stop(0);
    }

    @Test
    void anAppLogsAUserInWithTotpReadsTheirAccountsRefreshesIsRevokedAndLogsOut() throws Exception {
        var merchant = newUser("streamly");
        grantRoles(merchant.id(), "customer", "merchant");
        var scopes = List.of("openid", "profile", "email", "accounts:read");
        var registered = AppTokens.register(api, merchant.token(), callback.toString(), scopes, false);
        api.get("/api/v1/oauth/clients").token(merchant.token()).send(); // (the name below is the registration's)
        var clientId = new ClientID(registered.id());
        var secret = new Secret(registered.secret());

        var user = newUser("viewer");
        var account = api.post("/api/v1/accounts").token(user.token()).json(Map.of("currency", "EUR", "name", "Main"))
                .send().json().path("id").asString();
        var totpSecret = api.post("/api/v1/me/mfa/totp").token(user.token()).send().json().path("secret").asString();
        long step = clock.instant().getEpochSecond() / 30;
        assertThat(api.post("/api/v1/me/mfa/totp/confirm").token(user.token())
                .json(Map.of("code", TotpCodes.code(totpSecret, step))).send().status()).isEqualTo(200);

        // Discovery, then the authorization request a relying party library builds.
        var issuer = new Issuer(url(""));
        var provider = OIDCProviderMetadata.resolve(issuer);
        assertThat(provider.getIssuer()).isEqualTo(issuer);
        var verifier = new CodeVerifier();
        var state = new State();
        var nonce = new Nonce();
        var request = new AuthenticationRequest.Builder(new ResponseType("code"), new Scope(scopes.toArray(
                String[]::new)), clientId, callback).endpointURI(provider.getAuthorizationEndpointURI()).state(state)
                .nonce(nonce).codeChallenge(verifier, CodeChallengeMethod.S256).build();

        // The user: Coffer's own login with its second step, then Coffer's consent page.
        open(request.toURI().toString().substring(url("").length()));
        logIn(user.email(), user.password());
        type("form#login-form input[name=totp]", TotpCodes.code(totpSecret, step + 1));
        submit("form#login-form button[type=submit]");
        assertThat(find("form#consent-form").isDisplayed()).isTrue();
        assertThat(find("[data-testid=consent-app]").getText()).isEqualTo("Test app");
        assertThat(all("[data-testid=consent-scope]")).extracting(e -> e.getAttribute("data-scope"))
                .containsExactly("profile", "email", "accounts:read");
        assertThat(find("[data-testid=consent-scopes]").getText()).contains("See your name")
                .contains("See your email address").contains("See your accounts");
        screenshot("oidc-consent");
        find("[data-testid=consent-approve]").click();
        waitForTheApp();

        var response = AuthenticationResponseParser.parse(new URI(browser.getCurrentUrl())).toSuccessResponse();
        assertThat(response.getState()).isEqualTo(state);
        var tokens = exchange(provider, clientId, secret, response.getAuthorizationCode(), verifier);

        // The ID token against the published keys: signature, issuer, audience, expiry, nonce, at_hash.
        var validator = new IDTokenValidator(issuer, clientId, JWSAlgorithm.RS256,
                provider.getJWKSetURI().toURL());
        var claims = validator.validate(tokens.getIDToken(), nonce);
        assertThat(claims.getSubject().getValue()).isEqualTo(user.id());
        AccessTokenValidator.validate(tokens.getAccessToken(), JWSAlgorithm.RS256, claims.getAccessTokenHash());
        assertThat(claims.getClaim("auth_time")).isNotNull();

        var userInfo = UserInfoResponse.parse(new UserInfoRequest(provider.getUserInfoEndpointURI(),
                tokens.getBearerAccessToken()).toHTTPRequest().send()).toSuccessResponse().getUserInfo();
        assertThat(userInfo.getSubject().getValue()).isEqualTo(user.id());
        assertThat(userInfo.getName()).isEqualTo("viewer");
        assertThat(userInfo.getEmailAddress()).isEqualTo(user.email());

        var access = tokens.getAccessToken().getValue();
        var accounts = api.get("/api/v1/accounts").token(access).send();
        assertThat(accounts.status()).isEqualTo(200);
        assertThat(accounts.json().path("data").get(0).path("id").asString()).isEqualTo(account);
        assertThat(api.get("/api/v1/me").token(access).send().code()).isEqualTo("insufficient_scope");

        // Refresh rotation: the new pair works, the old refresh token is refused.
        var rotated = refresh(provider, clientId, secret, tokens.getRefreshToken());
        assertThat(rotated.indicatesSuccess()).isTrue();
        var second = rotated.toSuccessResponse().getTokens();
        assertThat(second.getRefreshToken()).isNotEqualTo(tokens.getRefreshToken());
        var replayed = refresh(provider, clientId, secret, tokens.getRefreshToken());
        assertThat(replayed.indicatesSuccess()).isFalse();
        assertThat(((TokenErrorResponse) replayed).getErrorObject().getCode()).isEqualTo("invalid_grant");
        assertThat(api.get("/api/v1/accounts/" + account).token(second.getAccessToken().getValue()).send().status())
                .isEqualTo(200);

        // The user takes the app's access back on the security page: its tokens die at once.
        go("/settings/security");
        var connected = find("[data-testid=connected-app]");
        assertThat(connected.getText()).contains("Test app").contains("See your accounts");
        submit("[data-testid=connected-app] [data-testid=revoke-app]");
        assertThat(all("[data-testid=connected-app]")).isEmpty();
        assertThat(api.get("/api/v1/accounts").token(second.getAccessToken().getValue()).send().status())
                .isEqualTo(401);
        assertThat(refresh(provider, clientId, secret, second.getRefreshToken()).indicatesSuccess()).isFalse();

        // Signing in again (already logged in at Coffer: consent only), then RP-initiated logout ends the session.
        var againVerifier = new CodeVerifier();
        var again = new AuthenticationRequest.Builder(new ResponseType("code"), new Scope("openid", "profile"),
                clientId, callback).endpointURI(provider.getAuthorizationEndpointURI()).state(new State())
                .nonce(new Nonce()).codeChallenge(againVerifier, CodeChallengeMethod.S256).build();
        browser.get(again.toURI().toString());
        find("[data-testid=consent-approve]").click();
        waitForTheApp();
        var code = AuthenticationResponseParser.parse(new URI(browser.getCurrentUrl())).toSuccessResponse()
                .getAuthorizationCode();
        var fresh = exchange(provider, clientId, secret, code, againVerifier);
        var logout = new LogoutRequest(provider.getEndSessionEndpointURI(), fresh.getIDToken(), callback,
                new State());
        browser.get(logout.toURI().toString());
        waitForTheApp();
        go("/settings/security");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("/login"));
        assertThat(api.get("/api/v1/me").token(user.token()).send().status()).as("API sessions are separate")
                .isEqualTo(200);

        assertThat(jdbc.sql("SELECT type FROM audit_events WHERE actor_id = :u AND type LIKE 'oauth.%' ORDER BY seq")
                .param("u", user.id()).query(String.class).list())
                .containsExactly("oauth.consent_granted", "oauth.consent_revoked", "oauth.consent_granted");
    }

    @Test
    void aMerchantRegistersAnAppOnTheMerchantPageSeesTheSecretOnceAndDeletesIt() {
        var merchant = newUser("page-merchant");
        grantRoles(merchant.id(), "customer", "merchant");
        open("/login");
        logInAndWait(merchant.email(), merchant.password());
        go("/merchant");
        type("form#oauth-app-form input[name=name]", "Streamly");
        type("form#oauth-app-form textarea[name=redirectUris]", "https://10.1.2.3/cb");
        submit("form#oauth-app-form button[type=submit]");
        assertThat(find("[data-testid=error]").getText()).contains("private");
        assertThat(all("[data-testid=oauth-app]")).isEmpty();

        type("form#oauth-app-form input[name=name]", "Streamly");
        type("form#oauth-app-form textarea[name=redirectUris]", callback.toString());
        find("form#oauth-app-form input[value='accounts:read']").click();
        submit("form#oauth-app-form button[type=submit]");
        assertThat(all("[data-testid=error]")).as(() -> all("[data-testid=error]").getFirst().getText()).isEmpty();
        var secret = find("[data-testid=new-oauth-secret]").getText();
        assertThat(secret).startsWith("cs_");
        assertThat(find("[data-testid=oauth-app]").getText()).contains("Streamly").contains("accounts:read")
                .contains(callback.toString());
        go("/merchant");
        assertThat(all("[data-testid=new-oauth-secret]")).isEmpty();
        assertThat(browser.getPageSource()).doesNotContain(secret);
        submit("[data-testid=oauth-app] [data-testid=delete-oauth-app]");
        assertThat(all("[data-testid=oauth-app]")).isEmpty();
    }

    private void waitForTheApp() {
        new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(d -> d.getCurrentUrl().startsWith(callback.toString()));
    }

    private OIDCTokens exchange(OIDCProviderMetadata provider, ClientID clientId, Secret secret,
            AuthorizationCode code, CodeVerifier verifier) throws Exception {
        var answer = OIDCTokenResponseParser.parse(new TokenRequest.Builder(provider.getTokenEndpointURI(),
                new ClientSecretBasic(clientId, secret), new AuthorizationCodeGrant(code, callback, verifier)).build()
                .toHTTPRequest().send());
        assertThat(answer.indicatesSuccess()).as(() -> answer.toErrorResponse().getErrorObject().toString())
                .isTrue();
        return ((OIDCTokenResponse) answer.toSuccessResponse()).getOIDCTokens();
    }

    private static com.nimbusds.oauth2.sdk.TokenResponse refresh(OIDCProviderMetadata provider, ClientID clientId,
            Secret secret, RefreshToken refreshToken) throws Exception {
        return OIDCTokenResponseParser.parse(new TokenRequest.Builder(provider.getTokenEndpointURI(),
                new ClientSecretBasic(clientId, secret), new RefreshTokenGrant(refreshToken)).build().toHTTPRequest().send());
    }
}
