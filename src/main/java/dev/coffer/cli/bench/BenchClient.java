package dev.coffer.cli.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The bench's HTTP client: Coffer's public API only, as any outside client would use it. */
final class BenchClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The status of an {@link Answer} when the server gave none (connection refused or lost, timeout). */
    static final int NO_ANSWER = 599;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    private final String base;

    BenchClient(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /**
     * What the server answered: status, body, and its {@code Retry-After} header (null when absent).
     */
    record Answer(int status, String body, String retryAfter) {
        Answer(int status, String body) {
            this(status, body, null);
        }

        JsonNode json() {
            return JSON.readTree(body);
        }

        /** Shed: 503 with a Retry-After, the server's "not now, come back then", as opposed to a failure. */
        boolean shed() {
            return status == 503 && retryAfter != null;
        }
    }

    Answer get(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token).GET());
    }

    /** A GET without credentials (the actuator's endpoints). */
    Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** The address of {@code path} on the server, for callers that speak HTTP themselves (event streams). */
    URI uri(String path) {
        return URI.create(base + path);
    }

    /** The underlying client, shared so that its connection pool is too. */
    HttpClient http() {
        return http;
    }

    Answer post(String path, String token, boolean idempotent, Map<String, ?> body) {
        return post(path, token, idempotent ? UUID.randomUUID().toString() : null, body);
    }

    /** Posts with the given idempotency key (null for none): resending with the same key is safe. */
    Answer post(String path, String token, String idempotencyKey, Map<String, ?> body) {
        var request = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request);
    }

    /** Posts and insists on a 2xx (set-up calls): a failing set-up stops the bench with the server's answer. */
    JsonNode required(String path, String token, boolean idempotent, Map<String, ?> body) {
        var answer = post(path, token, idempotent, body);
        if (answer.status() == 429) {
            throw new IllegalStateException("POST " + path + " answered 429: the server limits sign-ups and logins "
                    + "per address; start it with --coffer.identity.registrations-per-ip-per-minute=1000000 and "
                    + "--coffer.identity.logins-per-ip-per-minute=1000000 for benchmarks");
        }
        if (answer.status() / 100 != 2) {
            throw new IllegalStateException("POST " + path + " answered " + answer.status() + ": " + answer.body());
        }
        return answer.json();
    }

    String login(String email, String password) {
        return required("/api/v1/sessions", null, false, Map.of("email", email, "password", password))
                .path("token").asString();
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            var response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("Retry-After").orElse(null));
        } catch (IOException e) {
            return new Answer(NO_ANSWER, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(NO_ANSWER, "interrupted");
        }
    }
}
