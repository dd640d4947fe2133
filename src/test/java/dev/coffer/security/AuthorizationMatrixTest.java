package dev.coffer.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.support.IntegrationTest;
import dev.coffer.support.WebhookReceiver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * For every operation of the OpenAPI document whose path names an object, the other party's id: another customer,
 * another merchant's API key and another merchant's session get 404 (or 403 where their role or credential kind is
 * not allowed at all: admin paths, merchant-only paths, session-only paths), never the data, never a change.
 */
class AuthorizationMatrixTest extends IntegrationTest {

    @Test
    void otherPeoplesIdsAreNotFound() throws Exception {
        var victimShop = newShop();
        var victim = newUser("victim");
        var account = victimShop.fundedAccount(victim, "EUR", 50_000);
        var other = victimShop.fundedAccount(victim, "EUR", 0);
        var transfer = api.post("/api/v1/transfers").token(victim.token()).header("Idempotency-Key", UUID.randomUUID().toString())
                .json(Map.of("fromAccountId", account, "toAccountId", other, "amount", 100, "currency", "EUR")).send()
                .json().path("id").asString();
        var payment = victimShop.paid(victim.token(), victimShop.session(1_000, "manual"), account);
        var apiKey = api.get("/api/v1/merchant/api-keys").token(victimShop.merchant.token()).send().json()
                .path("data").get(0).path("id").asString();
        String endpoint;
        try (var receiver = new WebhookReceiver()) {
            endpoint = api.post("/api/v1/webhook-endpoints").token(victimShop.apiKey)
                    .json(Map.of("url", receiver.url(), "events", List.of("payment.succeeded"))).send()
                    .json().path("id").asString();
        }
        var event = api.get("/api/v1/events").token(victimShop.apiKey).send().json().path("data").get(0)
                .path("id").asString();
        var session = api.get("/api/v1/sessions").token(victim.token()).send().json().path("data").get(0)
                .path("id").asString();
        // A step-up challenge of the victim's (made directly: the victim has no second factor to step up with).
        var challenge = "chl_" + "a".repeat(13) + UUID.randomUUID().toString().replaceAll("[^a-z]", "a").substring(0, 13);
        jdbc.sql("""
                        INSERT INTO step_up_challenges (id, user_id, binding, created_at, expires_at)
                        VALUES (:id, :user, 'x', now(), now() + interval '5 minutes')
                        """).param("id", challenge).param("user", victim.id()).update();
        var standingOrder = api.post("/api/v1/scheduled-transfers").token(victim.token())
                .json(Map.of("fromAccountId", account, "toAccountId", other, "amount", 100, "currency", "EUR",
                        "startAt", clock.instant().plusSeconds(86_400).toString(), "interval", "month"))
                .send().json().path("id").asString();
        var ids = Map.ofEntries(Map.entry("challenges", challenge), Map.entry("accounts", account),
                Map.entry("transfers", transfer), Map.entry("payments", payment), Map.entry("api-keys", apiKey),
                Map.entry("webhook-endpoints", endpoint), Map.entry("events", event), Map.entry("sessions", session),
                Map.entry("users", victim.id()), Map.entry("checkout/sessions", victimShop.session(700, "automatic")),
                Map.entry("scheduled-transfers", standingOrder),
                Map.entry("clients", dev.coffer.support.AppTokens.registerPublicClient(api, victimShop.merchant.token(),
                        "https://victim.example/cb", List.of("openid"))));

        var attackerShop = newShop();
        var attackers = Map.of("customer", newUser("attacker").token(), "merchant key", attackerShop.apiKey,
                "merchant session", attackerShop.merchant.token());
        var doc = api.get("/v3/api-docs").send().json();
        var checked = new ArrayList<String>();
        var leaks = new ArrayList<String>();
        doc.path("paths").properties().forEach(path -> {
            var template = path.getKey();
            var objectKind = kind(template);
            if (objectKind == null || !ids.containsKey(objectKind)) {
                return;
            }
            var concrete = template.replaceAll("\\{[^}]+}", ids.get(objectKind));
            path.getValue().properties().forEach(operation -> attackers.forEach((who, token) -> {
                var method = operation.getKey().toUpperCase();
                if (isLegitimate(template, method, who)) {
                    return;
                }
                var call = api.method(method, concrete).token(token).header("Idempotency-Key", UUID.randomUUID().toString());
                if (operation.getValue().has("requestBody")) {
                    call.json(bodyFor(template));
                }
                var response = call.send();
                checked.add(method + " " + template + " as " + who);
                // 404 for another's object; 403 only where the caller lacks the role or credential kind at all.
                if (response.status() != 404 && response.status() != 403) {
                    leaks.add(method + " " + template + " as " + who + " → " + response.status() + " " + response.body());
                }
            }));
        });
        System.out.println("authorization matrix: " + checked.size() + " requests");
        assertThat(checked).hasSizeGreaterThan(40);
        assertThat(leaks).isEmpty();
        // The standing order would run once a later test moves the clock a day: end it.
        api.delete("/api/v1/scheduled-transfers/" + standingOrder).token(victim.token()).send();
        assertThat(victimShop.balance(victim.token(), account, "ledger")).isEqualTo(50_000 - 100);
        assertThat(api.get("/api/v1/payments/" + payment).token(victimShop.apiKey).send().json().path("status")
                .asString()).isEqualTo("requires_capture");
        assertThat(api.get("/api/v1/me").token(victim.token()).send().status()).isEqualTo(200);
    }

    /** Which object a path's id names: its segment before the first {…}. */
    private static String kind(String template) {
        int brace = template.indexOf('{');
        if (brace < 0) {
            return null;
        }
        var before = template.substring(0, brace - 1);
        if (before.endsWith("/checkout/sessions")) {
            return "checkout/sessions";
        }
        return before.substring(before.lastIndexOf('/') + 1);
    }

    /** The contract lets any logged-in customer read a checkout session by id (to show the pay page) and pay it. */
    private static boolean isLegitimate(String template, String method, String who) {
        if (!template.startsWith("/api/v1/checkout/sessions/")) {
            return false;
        }
        return who.equals("customer") || who.equals("merchant session") && method.equals("GET")
                || template.endsWith("/pay") && who.equals("merchant session");
    }

    private static Map<String, Object> bodyFor(String template) {
        if (template.endsWith("/deposits") || template.endsWith("/withdrawals")) {
            return Map.of("amount", 1, "reference", "attack");
        }
        if (template.endsWith("/roles")) {
            return Map.of("roles", List.of("customer", "admin"));
        }
        if (template.endsWith("/replay")) {
            return Map.of("eventId", "evt_x");
        }
        if (template.endsWith("/refunds") || template.endsWith("/capture")) {
            return Map.of("amount", 1);
        }
        if (template.endsWith("/verify")) {
            return Map.of("totp", "123456");
        }
        if (template.endsWith("/pay")) {
            return Map.of("accountId", "acc_x");
        }
        return Map.of();
    }
}
