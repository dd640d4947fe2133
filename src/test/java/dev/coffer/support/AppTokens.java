package dev.coffer.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/**
 * The authorization code flow with PKCE driven over plain HTTP, for tests that need an app's tokens but are not
 * about the browser (the browser tests run the real thing with a relying-party library). The user is logged in by
 * presenting a session token as the session cookie, which the authorization endpoint accepts like a page login.
 */
public final class AppTokens {

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    public AppTokens(int port) {
        this("http://localhost:" + port);
    }

    public AppTokens(String base) {
        this.base = base;
    }

    /** A registered app: a public one has no secret. */
    public record Client(String id, String secret) {

        String basicAuth() {
            return secret == null ? null : Base64.getEncoder().encodeToString((id + ":" + secret)
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A public client of a merchant, for these scopes and redirect URI. Returns its client id. */
    public static String registerPublicClient(Api api, String merchantToken, String redirectUri, List<String> scopes) {
        return register(api, merchantToken, redirectUri, scopes, true).id();
    }

    public static Client register(Api api, String merchantToken, String redirectUri, List<String> scopes,
            boolean isPublic) {
        var created = api.post("/api/v1/oauth/clients").token(merchantToken).json(Map.of("name", "Test app",
                "redirectUris", List.of(redirectUri), "scopes", scopes, "public", isPublic)).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        var secret = created.json().path("clientSecret");
        return new Client(created.json().path("clientId").asString(), secret.isNull() ? null : secret.asString());
    }

    public record Code(String code, String verifier) {
    }

    /** Authorizes (consenting to every scope asked) and returns the code from the redirect. */
    public Code authorize(String userToken, String clientId, String redirectUri, List<String> scopes) {
        var verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(
                UUID.randomUUID().toString().repeat(2).getBytes(StandardCharsets.US_ASCII));
        var state = UUID.randomUUID().toString();
        var params = new LinkedHashMap<String, String>();
        params.put("response_type", "code");
        params.put("client_id", clientId);
        params.put("redirect_uri", redirectUri);
        params.put("scope", String.join(" ", scopes));
        params.put("state", state);
        params.put("code_challenge", challenge(verifier));
        params.put("code_challenge_method", "S256");
        var first = get("/oauth2/authorize?" + form(params), userToken);
        var location = first.headers().firstValue("Location").orElseThrow(() ->
                new AssertionError("no redirect from the authorization endpoint: " + first.statusCode() + " "
                        + first.body()));
        if (location.contains("/oauth/consent")) {
            var query = UriComponentsBuilder.fromUriString(location).build().getQueryParams();
            var consentState = decode(query.getFirst("state"));
            var body = new StringBuilder("client_id=" + enc(clientId) + "&state=" + enc(consentState));
            scopes.stream().filter(s -> !s.equals("openid")).forEach(s -> body.append("&scope=").append(enc(s)));
            var approved = post("/oauth2/authorize", body.toString(), userToken, null);
            location = approved.headers().firstValue("Location").orElseThrow(() ->
                    new AssertionError("no redirect after consent: " + approved.statusCode() + " " + approved.body()));
        }
        assertThat(location).startsWith(redirectUri);
        var query = UriComponentsBuilder.fromUriString(location).build().getQueryParams();
        assertThat(query.getFirst("code")).as(location).isNotNull();
        assertThat(decode(query.getFirst("state"))).isEqualTo(state);
        return new Code(decode(query.getFirst("code")), verifier);
    }

    /** Trades a code at the token endpoint (with the PKCE verifier; a confidential client adds its secret). */
    public HttpResponse<String> exchange(Code code, Client client, String redirectUri) {
        return post("/oauth2/token", "grant_type=authorization_code&code=" + enc(code.code()) + "&redirect_uri="
                + enc(redirectUri) + "&client_id=" + enc(client.id()) + "&code_verifier=" + enc(code.verifier()),
                null, client.basicAuth());
    }

    public HttpResponse<String> exchange(Code code, String publicClientId, String redirectUri) {
        return exchange(code, new Client(publicClientId, null), redirectUri);
    }

    /** Refresh tokens go to confidential clients only (the library's rule: a public client can't keep one safe). */
    public HttpResponse<String> refresh(String refreshToken, Client client) {
        return post("/oauth2/token", "grant_type=refresh_token&refresh_token=" + enc(refreshToken), null,
                client.basicAuth());
    }

    /** RFC 7009 revocation, by a confidential client. */
    public HttpResponse<String> revoke(String token, Client client) {
        return post("/oauth2/revoke", "token=" + enc(token), null, client.basicAuth());
    }

    /** The whole flow: an access token (and the rest of the token response) for the user and scopes. */
    public JsonNode tokens(String userToken, String clientId, String redirectUri, List<String> scopes) {
        return tokens(userToken, new Client(clientId, null), redirectUri, scopes);
    }

    public JsonNode tokens(String userToken, Client client, String redirectUri, List<String> scopes) {
        var response = exchange(authorize(userToken, client.id(), redirectUri, scopes), client, redirectUri);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Api.json().readTree(response.body());
    }

    public HttpResponse<String> get(String path, String sessionCookie) {
        var request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (sessionCookie != null) {
            request.header("Cookie", "coffer_session=" + sessionCookie);
        }
        return send(request);
    }

    public HttpResponse<String> post(String path, String form, String sessionCookie, String basicAuth) {
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (sessionCookie != null) {
            request.header("Cookie", "coffer_session=" + sessionCookie);
        }
        if (basicAuth != null) {
            request.header("Authorization", "Basic " + basicAuth);
        }
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String challenge(String verifier) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String form(Map<String, String> params) {
        return params.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String decode(String value) {
        return value == null ? null : java.net.URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
