package dev.coffer.support;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;

/**
 * The check every black-box exchange goes through must catch a drift between behaviour and document: answers the
 * served document does not describe (status, content type, body, problem code, required header) fail; answers it
 * describes pass. Canned answers are checked against the running server's real document.
 */
class ContractCheckTest extends IntegrationTest {

    private static final String TRANSFER = "{\"id\":\"tr_aaaaaaaaaaaaaaaaaaaaaaaaaa\",\"status\":\"posted\","
            + "\"kind\":\"transfer\",\"fromAccountId\":\"acc_aaaaaaaaaaaaaaaaaaaaaaaaaa\","
            + "\"toAccountId\":\"acc_bbbbbbbbbbbbbbbbbbbbbbbbbb\",\"amount\":100,\"currency\":\"EUR\","
            + "\"description\":null,\"reference\":null,\"createdAt\":\"2026-01-01T00:00:00Z\"}";

    @Test
    void describedAnswersPass() {
        assertThatCode(() -> check("GET", "/api/v1/transfers/tr_aaaaaaaaaaaaaaaaaaaaaaaaaa", 200,
                "application/json", TRANSFER, Map.of())).doesNotThrowAnyException();
        assertThatCode(() -> check("POST", "/api/v1/transfers", 422, "application/problem+json",
                problem(422, "insufficient_funds"), Map.of())).doesNotThrowAnyException();
    }

    @Test
    void anUndocumentedStatusFails() {
        assertThatThrownBy(() -> check("GET", "/api/v1/transfers/tr_aaaaaaaaaaaaaaaaaaaaaaaaaa", 418,
                "application/problem+json", problem(418, "teapot"), Map.of()))
                .hasMessageContaining("validation.response.status.unknown");
    }

    @Test
    void aWrongContentTypeFails() {
        assertThatThrownBy(() -> check("GET", "/api/v1/transfers/tr_aaaaaaaaaaaaaaaaaaaaaaaaaa", 200,
                "text/plain", TRANSFER, Map.of()))
                .hasMessageContaining("validation.response.contentType.notAllowed");
    }

    @Test
    void aBodyOffTheSchemaFails() {
        var nullAmount = TRANSFER.replace("\"amount\":100", "\"amount\":null");
        assertThatThrownBy(() -> check("GET", "/api/v1/transfers/tr_aaaaaaaaaaaaaaaaaaaaaaaaaa", 200,
                "application/json", nullAmount, Map.of())).hasMessageContaining("amount");
        var undocumentedField = TRANSFER.replace("{", "{\"secretField\":1,");
        assertThatThrownBy(() -> check("GET", "/api/v1/transfers/tr_aaaaaaaaaaaaaaaaaaaaaaaaaa", 200,
                "application/json", undocumentedField, Map.of())).hasMessageContaining("secretField");
        var missingField = TRANSFER.replace("\"kind\":\"transfer\",", "");
        assertThatThrownBy(() -> check("GET", "/api/v1/transfers/tr_aaaaaaaaaaaaaaaaaaaaaaaaaa", 200,
                "application/json", missingField, Map.of())).hasMessageContaining("kind");
    }

    @Test
    void aProblemCodeTheOperationDoesNotDeclareFails() {
        assertThatThrownBy(() -> check("POST", "/api/v1/transfers", 422, "application/problem+json",
                problem(422, "weak_password"), Map.of())).hasMessageContaining("enum");
        assertThatThrownBy(() -> check("POST", "/api/v1/transfers", 409, "application/problem+json",
                problem(409, "session_not_open"), Map.of())).hasMessageContaining("enum");
    }

    @Test
    void aMissingRetryAfterFails() {
        assertThatThrownBy(() -> check("POST", "/api/v1/transfers", 503, "application/problem+json",
                problem(503, "ledger_busy"), Map.of())).hasMessageContaining("Retry-After");
        assertThatCode(() -> check("POST", "/api/v1/transfers", 503, "application/problem+json",
                problem(503, "ledger_busy"), Map.of("Retry-After", "1"))).doesNotThrowAnyException();
    }

    private static String problem(int status, String code) {
        return "{\"type\":\"/problems/" + code + "\",\"title\":\"t\",\"status\":" + status
                + ",\"detail\":\"d\",\"code\":\"" + code + "\"}";
    }

    private void check(String method, String path, int status, String contentType, String body,
            Map<String, String> headers) {
        var all = new java.util.HashMap<String, List<String>>();
        all.put("Content-Type", List.of(contentType));
        headers.forEach((name, value) -> all.put(name, List.of(value)));
        var uri = URI.create("http://localhost:" + port + path);
        var response = new Canned(status, HttpHeaders.of(all, (a, b) -> true), body, uri);
        var api = new Api(port);
        ContractCheck.verify("http://localhost:" + port, () -> api.get("/v3/api-docs").send().body(),
                new ContractCheck.Exchange(method, uri, Map.of("Authorization", "Bearer cfa_x"), null, response));
    }

    /** An answer as a server might have given it. */
    private record Canned(int statusCode, HttpHeaders headers, String body, URI uri)
            implements HttpResponse<String> {

        @Override
        public HttpRequest request() {
            return HttpRequest.newBuilder(uri).build();
        }

        @Override
        public Optional<HttpResponse<String>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
