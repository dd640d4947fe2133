package dev.coffer.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.support.Api;
import dev.coffer.support.IntegrationTest;
import dev.coffer.support.RequestFields;
import dev.coffer.support.Shop;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Malformed requests generated from the server's own OpenAPI document: for every operation with a body, bodies of
 * the wrong type, with missing, extra, huge, negative, null, unicode and control-character values, deep nesting,
 * oversized, in the wrong content type; for every operation with a path id, hostile ids. Every answer must be 4xx
 * problem+json (never 5xx, never a stack trace), and the database must be exactly as before.
 */
class FuzzTest extends IntegrationTest {

    private static final List<String> BAD_IDS = List.of("x", "acc_", "../../etc/passwd", "' OR '1'='1",
            "acc_aaaaaaaaaaaaaaaaaaaaaaaaaa'; DROP TABLE accounts;--", "%00", "\u202e\u0000", "9".repeat(300),
            "pay_" + "z".repeat(26), "😀", "-1", "null");

    /** JSON that is well-formed but of the wrong type (or out of range) for a field of each type. */
    private static final Map<String, List<String>> WRONG_TYPES = Map.of(
            "string", List.of("-1", "0", "9223372036854775808", "18446744073709551616", "1.5", "true", "false", "[]",
                    "[\"x\"]", "{}"),
            "integer", List.of("\"12\"", "\"\"", "1.5", "12.0", "1e3", "9223372036854775808",
                    "18446744073709551616", "-9223372036854775809", "true", "[]", "{}"),
            "boolean", List.of("1", "0", "\"true\"", "\"\"", "[]", "{}"),
            "array", List.of("\"x\"", "1", "{}", "true"),
            "object", List.of("\"x\"", "1", "[]", "true"));

    /** Text no field takes: NUL and other C0 and C1 controls, DEL, lone surrogates (escaped, as JSON allows). */
    private static final List<String> BAD_TEXT = List.of("\"\\u0000\"", "\"acc_\\u0000\"", "\"a\\u0000b\"",
            "\"\\u0007\"", "\"line\\nbreak\"", "\"tab\\there\"", "\"\\r\"", "\"\\u001b[31m\"",
            "\"\\u007f\"", "\"\\u0085\"", "\"\\u009f\"", "\"\\ud800\"", "\"\\udc00x\"", "\"x\\ud800\"");

    record Target(String method, String path, boolean hasBody) {
    }

    @Test
    void thousandsOfMalformedRequestsAreRefusedCleanlyAndChangeNothing() {
        long seed = Long.getLong("coffer.seed", System.nanoTime());
        var random = new Random(seed);
        var shop = newShop();
        var customer = newUser("fuzzed");
        shop.fundedAccount(customer, "EUR", 5_000);
        var targets = targets();
        assertThat(targets).hasSizeGreaterThan(30);
        var before = snapshot();
        int sent = 0;
        var failures = new ArrayList<String>();
        for (var target : targets) {
            for (var token : new String[] {customer.token(), shop.apiKey, shop.admin.token()}) {
                for (var request : malformed(target, random)) {
                    var response = send(target, request, token);
                    sent++;
                    if (response.status() < 400 || response.status() > 499
                            || !String.valueOf(response.contentType()).startsWith("application/problem+json")
                            || response.body().contains("Exception") || response.body().contains("SQL")) {
                        failures.add(target.method() + " " + request.path() + " [" + abbreviate(request.body()) + "] → "
                                + response.status() + " " + abbreviate(response.body()));
                    }
                }
            }
        }
        System.out.println("fuzzed " + sent + " requests over " + targets.size() + " operations, seed " + seed);
        assertThat(sent).isGreaterThanOrEqualTo(1_000);
        assertThat(failures).as("seed %d", seed).isEmpty();
        assertThat(snapshot()).isEqualTo(before);
    }

    /**
     * For every field of every request body in the document: each value of the wrong JSON type, out of range, or
     * text with control characters or lone surrogates is 400 {@code validation_failed} naming that field, never
     * converted, never stored. Only {@code -0} (a valid integer, zero) may be refused for another reason.
     */
    @Test
    void everyFieldRefusesWrongTypesAndControlCharactersByName() {
        var shop = newShop();
        var doc = api.get("/v3/api-docs").send().json();
        var before = snapshot();
        var failures = new ArrayList<String>();
        int sent = 0;
        for (var operation : bodyOperations(doc)) {
            for (var field : RequestFields.of(doc, operation.definition())) {
                var values = new ArrayList<>(WRONG_TYPES.getOrDefault(field.type(), List.of()));
                if (field.type().equals("string")) {
                    values.addAll(BAD_TEXT);
                }
                for (var value : values) {
                    var body = field.bodyWith().apply(value);
                    var answer = operation.call(api, shop).body("application/json", body).send();
                    sent++;
                    if (answer.status() != 400 || !answer.code().equals("validation_failed")
                            || !answer.json().path("errors").toString().contains("\"" + field.path() + "\"")) {
                        failures.add(operation.name() + " " + body + " → " + answer);
                    }
                }
                if (field.type().equals("integer")) {
                    var answer = operation.call(api, shop).body("application/json", field.bodyWith().apply("-0"))
                            .send();
                    sent++;
                    if (answer.status() < 400 || answer.status() > 499) {
                        failures.add(operation.name() + " " + field.path() + "=-0 → " + answer);
                    }
                }
            }
        }
        System.out.println("fuzzed " + sent + " fields' values");
        assertThat(sent).isGreaterThan(500);
        assertThat(failures).isEmpty();
        assertThat(snapshot()).isEqualTo(before);
    }

    /** Query parameters (already URL-encoded): NUL and other controls, wrong types, out of range, invalid UTF-8. */
    private static final List<String> BAD_QUERY = List.of("%00", "a%00b", "%07", "%0A", "%1B", "%7F", "%C2%85", "-1",
            "0", "9223372036854775808", "18446744073709551616", "1e3", "1.5", "%ED%A0%80", "%FF",
            "%27%20OR%20%271%27%3D%271", "x".repeat(5_000));

    /**
     * Every query parameter of every operation, given garbage, is 400 problem+json: the right code for the parameter
     * ({@code validation_failed}, {@code invalid_parameter}, {@code invalid_cursor}), never a 5xx, never a query with
     * it. Path ids are the caller's own account, so the parameter is what gets judged.
     */
    @Test
    void everyQueryParameterRefusesGarbage() {
        var shop = newShop();
        var own = shop.fundedAccount(shop.admin, "EUR", 0);
        var doc = api.get("/v3/api-docs").send().json();
        var failures = new ArrayList<String>();
        int sent = 0;
        for (var path : doc.path("paths").properties()) {
            for (var operation : path.getValue().properties()) {
                var concrete = path.getKey().replaceAll("\\{[^}]+}", own);
                var token = operation.getValue().path("security").toString().contains("sessionToken")
                        ? shop.admin.token() : shop.apiKey;
                for (var parameter : operation.getValue().path("parameters")) {
                    if (!parameter.path("in").asString().equals("query")) {
                        continue;
                    }
                    for (var value : BAD_QUERY) {
                        var target = concrete + "?" + parameter.path("name").asString() + "=" + value;
                        var answer = api.method(operation.getKey().toUpperCase(), target).token(token).send();
                        sent++;
                        if (answer.status() != 400 || !answer.contentType().startsWith("application/problem+json")) {
                            failures.add(target.substring(0, Math.min(target.length(), 120)) + " → " + answer);
                        }
                    }
                }
            }
        }
        assertThat(sent).isGreaterThan(100);
        assertThat(failures).isEmpty();
    }

    /** Reported: a NUL in an account id reached PostgreSQL, which refuses NUL in text: 500. */
    @Test
    void aNulInAnAccountIdIsRefusedBeforeAnyQuery() {
        var shop = newShop();
        var customer = newUser("nul");
        var from = shop.fundedAccount(customer, "EUR", 5_000);
        var before = count("transfers");
        for (var body : List.of(
                "{\"fromAccountId\":\"\\u0000\",\"toAccountId\":\"" + shop.settlementAccount
                        + "\",\"amount\":100,\"currency\":\"EUR\"}",
                "{\"fromAccountId\":\"" + from + "\",\"toAccountId\":\"acc_\\u0000\",\"amount\":100,"
                        + "\"currency\":\"EUR\"}")) {
            var answer = api.post("/api/v1/transfers").token(customer.token())
                    .header("Idempotency-Key", "nul-" + System.nanoTime()).body("application/json", body).send();
            assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
            assertThat(answer.code()).isEqualTo("validation_failed");
        }
        assertThat(count("transfers")).isEqualTo(before);
    }

    /** Reported: {@code "description": -1} (and 0, 2^63, 2^64) was turned into text and the transfer made. */
    @Test
    void aNumberWhereTheDescriptionBelongsIsRefusedNotConverted() {
        var shop = newShop();
        var customer = newUser("coerced");
        var from = shop.fundedAccount(customer, "EUR", 5_000);
        var before = count("transfers");
        for (var description : List.of("-1", "0", "9223372036854775808", "18446744073709551616", "true")) {
            var answer = api.post("/api/v1/transfers").token(customer.token())
                    .header("Idempotency-Key", "coerced-" + System.nanoTime())
                    .body("application/json", "{\"fromAccountId\":\"" + from + "\",\"toAccountId\":\""
                            + shop.settlementAccount + "\",\"amount\":100,\"currency\":\"EUR\",\"description\":"
                            + description + "}").send();
            assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
            assertThat(answer.code()).isEqualTo("validation_failed");
            assertThat(answer.json().path("errors").get(0).path("field").asString()).isEqualTo("description");
        }
        assertThat(count("transfers")).isEqualTo(before);
    }

    /** An operation with a JSON body, and how to call it with a credential it accepts. */
    private record BodyOperation(String name, String method, String path, JsonNode definition) {

        Api.Call call(Api api, Shop shop) {
            var security = definition.path("security").toString();
            var token = security.equals("[]") ? null
                    : security.contains("sessionToken") ? shop.admin.token() : shop.apiKey;
            return api.method(method, path).token(token).header("Idempotency-Key", "fuzz-" + System.nanoTime());
        }
    }

    /** Path ids are filled with well-shaped ids (the documented examples), so the body is what gets judged. */
    private static List<BodyOperation> bodyOperations(JsonNode doc) {
        var operations = new ArrayList<BodyOperation>();
        doc.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            if (!operation.getValue().has("requestBody")) {
                return;
            }
            var concrete = path.getKey();
            for (var parameter : operation.getValue().path("parameters")) {
                if (parameter.path("in").asString().equals("path")) {
                    concrete = concrete.replace("{" + parameter.path("name").asString() + "}",
                            parameter.path("example").asString());
                }
            }
            var method = operation.getKey().toUpperCase();
            operations.add(new BodyOperation(method + " " + path.getKey(), method, concrete, operation.getValue()));
        }));
        return operations;
    }

    private record Request(String path, String contentType, String body, Map<String, String> headers) {
    }

    private List<Target> targets() {
        var doc = api.get("/v3/api-docs").send().json();
        var out = new ArrayList<Target>();
        doc.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            var method = operation.getKey().toUpperCase();
            boolean hasBody = operation.getValue().has("requestBody");
            boolean hasId = path.getKey().contains("{");
            if (hasBody || hasId) {
                out.add(new Target(method, path.getKey(), hasBody));
            }
        }));
        return out;
    }

    private List<Request> malformed(Target target, Random random) {
        var requests = new ArrayList<Request>();
        var key = Map.of("Idempotency-Key", "fuzz-" + random.nextLong());
        if (target.path().contains("{")) {
            for (int i = 0; i < 6; i++) {
                var id = BAD_IDS.get(random.nextInt(BAD_IDS.size()));
                var path = target.path().replaceAll("\\{[^}]+}", java.net.URLEncoder.encode(id,
                        java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
                requests.add(new Request(path, "application/json", target.hasBody() ? "{}" : null, key));
            }
        }
        if (!target.hasBody() || target.path().contains("{")) {
            return requests;
        }
        var path = target.path();
        for (var body : List.of("{", "[]", "\"text\"", "12", "null", "{}", "{\"amount\":\"12\"}",
                "{\"amount\":12.5}", "{\"amount\":-1}", "{\"amount\":0}", "{\"amount\":9223372036854775808}",
                "{\"amount\":1e400}", "{\"email\":[],\"password\":{},\"currency\":7}", "{\"unknownField\":1}",
                "{\"name\":\"\\u0000\\u0007\"}", "{\"currency\":\"€€€\"}", "{\"url\":\"javascript:alert(1)\"}",
                "[".repeat(5_000), "{\"a\":" + "[".repeat(2_000) + "]".repeat(2_000) + "}",
                "{\"name\":\"" + "x".repeat(70_000) + "\"}")) {
            requests.add(new Request(path, "application/json", body, key));
        }
        requests.add(new Request(path, "text/plain", "amount=1", key));
        requests.add(new Request(path, "application/xml", "<a/>", key));
        requests.add(new Request(path, "application/json", "{}", Map.of("Idempotency-Key", "k".repeat(300))));
        var huge = new StringBuilder("{\"pad\":\"");
        huge.append("y".repeat(10 * 1024 * 1024)).append("\"}");
        if (random.nextInt(10) == 0) {
            requests.add(new Request(path, "application/json", huge.toString(), key));
        }
        return requests;
    }

    private Api.Response send(Target target, Request request, String token) {
        var call = api.method(target.method(), request.path()).token(token);
        request.headers().forEach(call::header);
        if (request.body() != null) {
            call.body(request.contentType(), request.body());
        }
        return call.send();
    }

    private Map<String, Object> snapshot() {
        var snapshot = new LinkedHashMap<String, Object>();
        for (var table : List.of("users", "sessions", "accounts", "transfers", "entries", "holds", "payments",
                "refunds", "checkout_sessions", "api_keys", "webhook_endpoints", "events", "idempotency_keys",
                "audit_events", "recovery_codes")) {
            snapshot.put(table, count(table));
        }
        snapshot.put("balances", jdbc.sql("SELECT coalesce(sum(abs(ledger_balance)), 0) || '/' || "
                + "coalesce(sum(pending), 0) FROM accounts").query(String.class).single());
        return snapshot;
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }

}
