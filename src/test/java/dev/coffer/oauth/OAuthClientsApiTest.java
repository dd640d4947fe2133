package dev.coffer.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Registering "Log in with Coffer" apps: the redirect URI rules, the secret shown once and kept hashed, owners. */
class OAuthClientsApiTest extends IntegrationTest {

    static Map<String, Object> client(String name, List<String> redirectUris, List<String> scopes, boolean isPublic) {
        return Map.of("name", name, "redirectUris", redirectUris, "scopes", scopes, "public", isPublic);
    }

    @Test
    void discoveryNamesTheRequestsOwnBaseAsIssuer() {
        var discovery = api.get("/.well-known/openid-configuration").send();
        assertThat(discovery.status()).as(discovery.toString()).isEqualTo(200);
        var json = discovery.json();
        var base = "http://localhost:" + port;
        assertThat(json.path("issuer").asString()).isEqualTo(base);
        assertThat(json.path("authorization_endpoint").asString()).isEqualTo(base + "/oauth2/authorize");
        assertThat(json.path("jwks_uri").asString()).isEqualTo(base + "/oauth2/jwks");
        assertThat(json.path("end_session_endpoint").asString()).isEqualTo(base + "/connect/logout");
        assertThat(json.path("code_challenge_methods_supported").toString()).contains("S256").doesNotContain("plain");
        var jwks = api.get("/oauth2/jwks").send().json();
        assertThat(jwks.path("keys").size()).isGreaterThanOrEqualTo(1);
        assertThat(jwks.path("keys").get(0).has("d")).as("never the private key").isFalse();
        assertThat(jdbc.sql("SELECT private_jwk FROM oauth_signing_keys").query(String.class).list())
                .allSatisfy(sealed -> assertThat(sealed).startsWith("sealed:v1:").doesNotContain("\"d\""));
    }

    @Test
    void merchantRegistersListsAndDeletesClients() {
        var merchant = newUser("oauth-merchant");
        grantRoles(merchant.id(), "customer", "merchant");
        var created = api.post("/api/v1/oauth/clients").token(merchant.token()).json(client("Streamly",
                List.of("https://streamly.example/callback"), List.of("openid", "profile", "accounts:read"), false))
                .send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        var clientId = created.json().path("clientId").asString();
        var secret = created.json().path("clientSecret").asString();
        assertThat(clientId).startsWith("cli_");
        assertThat(secret).startsWith("cs_");
        var stored = jdbc.sql("SELECT client_secret FROM oauth2_registered_client WHERE client_id = :id")
                .param("id", clientId).query(String.class).single();
        assertThat(stored).doesNotContain(secret).startsWith("{bcrypt}");

        var publicClient = api.post("/api/v1/oauth/clients").token(merchant.token()).json(client("Streamly SPA",
                List.of("http://localhost:3000/cb"), List.of("openid"), true)).send();
        assertThat(publicClient.status()).isEqualTo(201);
        assertThat(publicClient.json().path("clientSecret").isNull()).isTrue();

        var list = api.get("/api/v1/oauth/clients").token(merchant.token()).send();
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("data").size()).isEqualTo(2);
        assertThat(list.body()).doesNotContain(secret);

        var stranger = newUser("oauth-stranger");
        grantRoles(stranger.id(), "customer", "merchant");
        assertThat(api.get("/api/v1/oauth/clients").token(stranger.token()).send().json().path("data").size())
                .isZero();
        assertThat(api.delete("/api/v1/oauth/clients/" + clientId).token(stranger.token()).send().status())
                .isEqualTo(404);

        assertThat(api.delete("/api/v1/oauth/clients/" + clientId).token(merchant.token()).send().status())
                .isEqualTo(204);
        assertThat(api.delete("/api/v1/oauth/clients/" + clientId).token(merchant.token()).send().status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/oauth/clients").token(merchant.token()).send().json().path("data").size())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE type = 'oauth.client_registered' AND actor_id = :m")
                .param("m", merchant.id()).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void redirectUrisMustBeHttpsOrLocalhostAndNeverInternal() {
        var merchant = newUser("oauth-rules");
        grantRoles(merchant.id(), "customer", "merchant");
        for (var bad : List.of("http://streamly.example/cb", "https://10.0.0.5/cb", "https://192.168.1.2/cb",
                "https://169.254.169.254/latest", "https://[fd00::1]/cb", "https://[fe80::1]/cb", "ftp://x.example/cb",
                "https://streamly.example/cb#frag", "/relative", "https://0.0.0.0/cb")) {
            var before = count("oauth2_registered_client");
            var refused = api.post("/api/v1/oauth/clients").token(merchant.token())
                    .json(client("Bad", List.of(bad), List.of("openid"), false)).send();
            assertThat(refused.status()).as(bad).isEqualTo(422);
            assertThat(refused.code()).as(bad).isEqualTo("invalid_redirect_uri");
            assertThat(count("oauth2_registered_client")).isEqualTo(before);
        }
        for (var good : List.of("http://localhost:8081/cb", "http://127.0.0.1:9000/cb", "https://app.example/cb")) {
            assertThat(api.post("/api/v1/oauth/clients").token(merchant.token())
                    .json(client("Good", List.of(good), List.of("openid"), true)).send().status()).as(good)
                    .isEqualTo(201);
        }
        var unknownScope = api.post("/api/v1/oauth/clients").token(merchant.token())
                .json(client("Greedy", List.of("https://app.example/cb"), List.of("openid", "transfers:write"), true))
                .send();
        assertThat(unknownScope.code()).isEqualTo("invalid_scope");
        var customer = newUser("oauth-customer");
        var notMerchant = api.post("/api/v1/oauth/clients").token(customer.token())
                .json(client("Mine", List.of("https://app.example/cb"), List.of("openid"), true)).send();
        assertThat(notMerchant.status()).isEqualTo(403);
        assertThat(notMerchant.code()).isEqualTo("forbidden");
        var malformed = api.post("/api/v1/oauth/clients").token(merchant.token())
                .json(Map.of("name", "", "redirectUris", List.of(), "scopes", List.of("openid"), "public", true)).send();
        assertThat(malformed.status()).isEqualTo(400);
    }
}
