package dev.coffer.jar;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client for the jar tests, pointed at whichever process is running now ({@link #pointAt}): the port
 * changes with every restart. Calls throw {@link IOException} when the server gives no answer.
 */
final class JarClient {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private volatile int port;

    void pointAt(CofferProcess process) {
        port = process.port;
    }

    HttpResponse<String> post(String path, String token, String idempotencyKey, Map<String, ?> body)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> put(String path, String token, Map<String, ?> body) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A set-up call that must succeed: its JSON answer. */
    JsonNode required(String path, String token, String idempotencyKey, Map<String, ?> body) throws Exception {
        var response = post(path, token, idempotencyKey, body);
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    String login(String email, String password) throws Exception {
        return required("/api/v1/sessions", null, null, Map.of("email", email, "password", password))
                .path("token").asString();
    }

    JsonNode getJson(String path, String token) throws Exception {
        return JSON.readTree(get(path, token).body());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
