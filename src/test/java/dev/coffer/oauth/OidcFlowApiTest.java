package dev.coffer.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.support.AppTokens;
import dev.coffer.support.IntegrationTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The provider's refusals and the scope rule over plain HTTP (the browser test runs the whole flow with a relying
 * party library): what an app's access token may call, refresh rotation, revocation, a code used twice, PKCE, and
 * a redirect URI that does not match.
 */
class OidcFlowApiTest extends IntegrationTest {

    static final String REDIRECT = "http://localhost:9/callback";
    AppTokens flows;

    @BeforeEach
    void flows() {
        flows = new AppTokens(port);
    }

    private String newClient(List<String> scopes) {
        var merchant = newUser("app-maker");
        grantRoles(merchant.id(), "customer", "merchant");
        return AppTokens.registerPublicClient(api, merchant.token(), REDIRECT, scopes);
    }

    @Test
    void anAccountsReadTokenReadsTheConsentingUsersAccountsAndNothingElse() {
        var clientId = newClient(List.of("openid", "profile", "accounts:read"));
        var user = newUser("reader");
        var account = api.post("/api/v1/accounts").token(user.token()).json(Map.of("currency", "EUR", "name", "Main"))
                .send().json().path("id").asString();
        var other = newUser("other");
        var othersAccount = api.post("/api/v1/accounts").token(other.token())
                .json(Map.of("currency", "EUR", "name", "Theirs")).send().json().path("id").asString();

        var tokens = flows.tokens(user.token(), clientId, REDIRECT, List.of("openid", "profile", "accounts:read"));
        var access = tokens.path("access_token").asString();
        assertThat(access).startsWith("eyJ");
        var list = api.get("/api/v1/accounts").token(access).send();
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.body()).contains(account).doesNotContain(othersAccount);
        assertThat(api.get("/api/v1/accounts/" + account).token(access).send().status()).isEqualTo(200);
        assertThat(api.get("/api/v1/accounts/" + account + "/transactions").token(access).send().status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/accounts/" + othersAccount).token(access).send().status()).isEqualTo(404);

        for (var refused : List.of(api.get("/api/v1/me").token(access).send(),
                api.get("/api/v1/sessions").token(access).send(),
                api.get("/api/v1/accounts/" + account + "/statement.csv").token(access).send(),
                api.post("/api/v1/accounts").token(access).json(Map.of("currency", "EUR", "name", "X")).send(),
                api.post("/api/v1/transfers").token(access).header("Idempotency-Key", "k-" + System.nanoTime())
                        .json(Map.of("fromAccountId", account, "toAccountId", othersAccount, "amount", 1,
                                "currency", "EUR")).send(),
                api.get("/api/v1/admin/audit").token(access).send())) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.code()).as(refused.toString()).isEqualTo("insufficient_scope");
        }
        assertThat(count("accounts WHERE name = 'X'")).isZero();
    }

    @Test
    void aTokenWithoutAccountsReadReadsNoAccounts() {
        var clientId = newClient(List.of("openid", "profile"));
        var user = newUser("profile-only");
        var access = flows.tokens(user.token(), clientId, REDIRECT, List.of("openid", "profile"))
                .path("access_token").asString();
        var refused = api.get("/api/v1/accounts").token(access).send();
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("insufficient_scope");
        assertThat(refused.header("WWW-Authenticate")).contains("insufficient_scope").contains("accounts:read");
    }

    private AppTokens.Client newConfidentialClient(List<String> scopes) {
        var merchant = newUser("app-maker");
        grantRoles(merchant.id(), "customer", "merchant");
        return AppTokens.register(api, merchant.token(), REDIRECT, scopes, false);
    }

    @Test
    void refreshTokensRotateAndTheOldOneIsRefused() {
        var client = newConfidentialClient(List.of("openid", "accounts:read"));
        var user = newUser("refresher");
        var first = flows.tokens(user.token(), client, REDIRECT, List.of("openid", "accounts:read"));
        var refreshed = flows.refresh(first.path("refresh_token").asString(), client);
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        var second = dev.coffer.support.Api.json().readTree(refreshed.body());
        assertThat(second.path("refresh_token").asString()).isNotEqualTo(first.path("refresh_token").asString());
        var reused = flows.refresh(first.path("refresh_token").asString(), client);
        assertThat(reused.statusCode()).isEqualTo(400);
        assertThat(reused.body()).contains("invalid_grant");
        assertThat(api.get("/api/v1/accounts").token(second.path("access_token").asString()).send().status())
                .isEqualTo(200);

        var revoked = flows.revoke(second.path("refresh_token").asString(), client);
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(flows.refresh(second.path("refresh_token").asString(), client).statusCode()).isEqualTo(400);
        var wrongSecret = flows.refresh(second.path("refresh_token").asString(),
                new AppTokens.Client(client.id(), "cs_wrong"));
        assertThat(wrongSecret.statusCode()).isEqualTo(401);
    }

    @Test
    void revokingTheAccessTokenStopsItAtOnce() {
        var client = newConfidentialClient(List.of("openid", "accounts:read"));
        var user = newUser("revoker");
        var access = flows.tokens(user.token(), client, REDIRECT, List.of("openid", "accounts:read"))
                .path("access_token").asString();
        assertThat(api.get("/api/v1/accounts").token(access).send().status()).isEqualTo(200);
        var revoked = flows.revoke(access, client);
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(api.get("/api/v1/accounts").token(access).send().status()).isEqualTo(401);
    }

    @Test
    void aCodeUsedTwiceIsRefusedAndTheTokensItGaveAreRevoked() {
        var clientId = newClient(List.of("openid", "accounts:read"));
        var user = newUser("replayer");
        var code = flows.authorize(user.token(), clientId, REDIRECT, List.of("openid", "accounts:read"));
        var first = flows.exchange(code, clientId, REDIRECT);
        assertThat(first.statusCode()).isEqualTo(200);
        var access = dev.coffer.support.Api.json().readTree(first.body()).path("access_token").asString();
        var second = flows.exchange(code, clientId, REDIRECT);
        assertThat(second.statusCode()).isEqualTo(400);
        assertThat(second.body()).contains("invalid_grant");
        assertThat(api.get("/api/v1/accounts").token(access).send().status()).isEqualTo(401);
    }

    @Test
    void aWrongRedirectUriIsAnErrorPageNeverARedirect() {
        var clientId = newClient(List.of("openid"));
        var params = authorizeParams(clientId, "http://localhost:9/elsewhere");
        params.put("code_challenge", AppTokens.challenge("a".repeat(50)));
        params.put("code_challenge_method", "S256");
        var answer = flows.get("/oauth2/authorize?" + AppTokens.form(params), null);
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Location")).isEmpty();
        var unknownClient = flows.get("/oauth2/authorize?" + AppTokens.form(authorizeParams("cli_nosuchclient",
                REDIRECT)), null);
        assertThat(unknownClient.statusCode()).isEqualTo(400);
        assertThat(unknownClient.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void aPublicClientMustSendAnS256Challenge() {
        var clientId = newClient(List.of("openid"));
        var missing = flows.get("/oauth2/authorize?" + AppTokens.form(authorizeParams(clientId, REDIRECT)), null);
        assertThat(missing.headers().firstValue("Location").orElseThrow()).startsWith(REDIRECT)
                .contains("error=invalid_request");
        var plain = authorizeParams(clientId, REDIRECT);
        plain.put("code_challenge", "a".repeat(50));
        plain.put("code_challenge_method", "plain");
        var refused = flows.get("/oauth2/authorize?" + AppTokens.form(plain), null);
        assertThat(refused.headers().firstValue("Location").orElseThrow()).startsWith(REDIRECT)
                .contains("error=invalid_request");
    }

    @Test
    void promptNoneWithoutConsentIsConsentRequired() {
        var clientId = newClient(List.of("openid", "accounts:read"));
        var user = newUser("silent");
        var params = authorizeParams(clientId, REDIRECT);
        params.put("scope", "openid accounts:read");
        params.put("prompt", "none");
        params.put("code_challenge", AppTokens.challenge("b".repeat(50)));
        params.put("code_challenge_method", "S256");
        var answer = flows.get("/oauth2/authorize?" + AppTokens.form(params), user.token());
        assertThat(answer.headers().firstValue("Location").orElseThrow()).startsWith(REDIRECT)
                .contains("error=consent_required");
    }

    private static Map<String, String> authorizeParams(String clientId, String redirectUri) {
        var params = new LinkedHashMap<String, String>();
        params.put("response_type", "code");
        params.put("client_id", clientId);
        params.put("redirect_uri", redirectUri);
        params.put("scope", "openid");
        params.put("state", "s-" + System.nanoTime());
        return params;
    }
}
