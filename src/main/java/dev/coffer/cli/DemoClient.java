package dev.coffer.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A tiny HTTP client of Coffer's own API, for the demo seeder (and anything else that acts like a client). */
final class DemoClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    DemoClient(String base) {
        this.base = base;
    }

    String login(String email, String password) {
        return post("/api/v1/sessions", null, false, Map.of("email", email, "password", password))
                .path("token").asString();
    }

    String openAccount(String token, String currency, String name) {
        return post("/api/v1/accounts", token, false, Map.of("currency", currency, "name", name)).path("id").asString();
    }

    void deposit(String adminToken, String accountId, long amount, String reference) {
        post("/api/v1/admin/accounts/" + accountId + "/deposits", adminToken, true,
                Map.of("amount", amount, "reference", reference));
    }

    void transfer(String token, String from, String to, long amount, String description) {
        post("/api/v1/transfers", token, true, Map.of("fromAccountId", from, "toAccountId", to, "amount", amount,
                "currency", "EUR", "description", description));
    }

    String createApiKey(String token, String name) {
        return post("/api/v1/merchant/api-keys", token, false, Map.of("name", name)).path("secret").asString();
    }

    String createSession(String apiKey, String settlementAccount, List<Map<String, Object>> items) {
        return post("/api/v1/checkout/sessions", apiKey, true, Map.of("currency", "EUR", "lineItems", items,
                "captureMethod", "automatic", "settlementAccountId", settlementAccount,
                "metadata", Map.of("source", "demo"))).path("id").asString();
    }

    void pay(String token, String sessionId, String accountId) {
        post("/api/v1/checkout/sessions/" + sessionId + "/pay", token, true, Map.of("accountId", accountId));
    }

    private JsonNode post(String path, String token, boolean idempotent, Object body) {
        var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (idempotent) {
            request.header("Idempotency-Key", UUID.randomUUID().toString());
        }
        try {
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("demo seeding: POST " + path + " answered " + response.statusCode()
                        + " " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("demo seeding: POST " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
