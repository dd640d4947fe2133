package dev.coffer.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A black-box HTTP client for the contract: raw status codes, headers and JSON, nothing Spring in between. Every
 * exchange with an API operation is checked against the OpenAPI document the server serves ({@link ContractCheck}):
 * an answer the document does not describe fails the test at once.
 */
public final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final String base;

    public Api(int port) {
        this.base = "http://localhost:" + port;
    }

    /** An answer; {@code roundTripNanos} is the exchange alone, without the contract check that follows it. */
    public record Response(int status, HttpResponse<String> raw, long roundTripNanos) {
        public JsonNode json() {
            return JSON.readTree(raw.body());
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String body() {
            return raw.body();
        }

        public String contentType() {
            return header("Content-Type");
        }

        /** The problem's {@code code}, for error answers. */
        public String code() {
            return json().path("code").asString();
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }

    /** A request being built: {@code api.post("/api/v1/users").json(body).token(t).send()}. */
    public final class Call {
        private final String method;
        private final String path;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
        private String bodyText;

        private Call(String method, String path) {
            this.method = method;
            this.path = path;
        }

        public Call token(String token) {
            return token == null ? this : header("Authorization", "Bearer " + token);
        }

        public Call header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Call json(Object value) {
            var text = value instanceof String s ? s : JSON.writeValueAsString(value);
            headers.putIfAbsent("Content-Type", "application/json");
            body = HttpRequest.BodyPublishers.ofString(text);
            bodyText = text;
            return this;
        }

        public Call body(String contentType, String text) {
            headers.put("Content-Type", contentType);
            body = HttpRequest.BodyPublishers.ofString(text);
            bodyText = text;
            return this;
        }

        /**
         * Sends and checks the exchange against the OpenAPI document. When the answer is a stream of server-sent
         * events (whose body never ends), only its status and headers are read, the connection is closed and the
         * body left empty (and unchecked); any other answer is read whole.
         */
        public Response send() {
            var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .method(method, body);
            headers.forEach(request::header);
            try {
                var built = request.build();
                long start = System.nanoTime();
                var response = http.send(built, HttpResponse.BodyHandlers.ofInputStream());
                boolean stream = response.headers().firstValue("Content-Type").orElse("")
                        .startsWith("text/event-stream");
                var text = stream ? "" : new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
                response.body().close();
                long roundTrip = System.nanoTime() - start;
                var read = new BodyRead(response, text);
                if (!stream) {
                    ContractCheck.verify(base, Api.this::document,
                            new ContractCheck.Exchange(method, built.uri(), headers, bodyText, read));
                }
                return new Response(response.statusCode(), read, roundTrip);
            } catch (IOException e) {
                throw new IllegalStateException(method + " " + path + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The server's OpenAPI document, fetched without checking (it is what exchanges are checked against). */
    private String document() {
        try {
            var request = HttpRequest.newBuilder(URI.create(base + "/v3/api-docs")).timeout(Duration.ofSeconds(30));
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET /v3/api-docs answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("GET /v3/api-docs failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Call get(String path) {
        return new Call("GET", path);
    }

    public Call post(String path) {
        return new Call("POST", path);
    }

    public Call put(String path) {
        return new Call("PUT", path);
    }

    public Call delete(String path) {
        return new Call("DELETE", path);
    }

    public Call method(String method, String path) {
        return new Call(method, path);
    }

    public static JsonMapper json() {
        return JSON;
    }

    /** A response whose body was read (or, for a stream, left unread) by {@link Call#send()}. */
    private record BodyRead(HttpResponse<?> response, String text) implements HttpResponse<String> {
        public int statusCode() { return response.statusCode(); }
        public HttpRequest request() { return response.request(); }
        public java.util.Optional<HttpResponse<String>> previousResponse() { return java.util.Optional.empty(); }
        public java.net.http.HttpHeaders headers() { return response.headers(); }
        public String body() { return text; }
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() { return response.sslSession(); }
        public URI uri() { return response.uri(); }
        public HttpClient.Version version() { return response.version(); }
    }
}
