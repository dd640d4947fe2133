package dev.coffer.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.support.Api;
import dev.coffer.support.IntegrationTest;
import dev.coffer.support.Shop;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

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
