package dev.coffer.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.support.Api;
import dev.coffer.support.AppTokens;
import dev.coffer.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Walks every operation of the OpenAPI document with each kind of credential and checks the allowed set against
 * the table below (written here, not read from the code, so a wrong {@code @Accepts} fails). The caller is a user
 * who is customer, merchant and admin at once, so only the credential kind decides; a disallowed kind is 403
 * {@code forbidden} before anything is read or changed, an allowed one is never refused for its kind.
 */
class CredentialKindsTest extends IntegrationTest {

    private static final Set<String> SESSION = Set.of("session");
    private static final Set<String> KEY = Set.of("key");
    private static final Set<String> BOTH = Set.of("session", "key");
    private static final Set<String> ANYONE = Set.of("session", "key", "app", "none");
    /** A user's session, or an app's access token with scope accounts:read ("Log in with Coffer"). */
    private static final Set<String> SESSION_OR_APP = Set.of("session", "app");

    /** Who may call what: people's own data takes a session; a merchant's server takes its secret key. */
    private static final Map<String, Set<String>> ALLOWED = new TreeMap<>(Map.ofEntries(
            Map.entry("POST /api/v1/users", ANYONE),
            Map.entry("POST /api/v1/sessions", ANYONE),
            Map.entry("POST /api/v1/sessions/refresh", ANYONE),
            Map.entry("GET /api/v1/sessions", SESSION),
            Map.entry("DELETE /api/v1/sessions/current", SESSION),
            Map.entry("DELETE /api/v1/sessions/{id}", SESSION),
            Map.entry("GET /api/v1/me", SESSION),
            Map.entry("POST /api/v1/me/mfa/totp", SESSION),
            Map.entry("POST /api/v1/me/mfa/totp/confirm", SESSION),
            Map.entry("POST /api/v1/me/mfa/totp/disable", SESSION),
            Map.entry("POST /api/v1/me/mfa/recovery-codes", SESSION),
            Map.entry("PUT /api/v1/me/password", SESSION),
            Map.entry("POST /api/v1/challenges/{id}/verify", SESSION),
            Map.entry("POST /api/v1/challenges/{id}/passkey-options", SESSION),
            Map.entry("GET /api/v1/me/devices", SESSION),
            Map.entry("GET /api/v1/me/notifications", SESSION),
            Map.entry("PUT /api/v1/me/notifications", SESSION),
            Map.entry("DELETE /api/v1/me/devices/{id}", SESSION),
            Map.entry("POST /api/v1/accounts", SESSION),
            Map.entry("GET /api/v1/accounts", SESSION_OR_APP),
            Map.entry("GET /api/v1/accounts/{id}", SESSION_OR_APP),
            Map.entry("GET /api/v1/accounts/{id}/transactions", SESSION_OR_APP),
            Map.entry("GET /api/v1/accounts/{id}/statement.csv", SESSION),
            Map.entry("POST /api/v1/accounts/{id}/alerts", SESSION),
            Map.entry("GET /api/v1/accounts/{id}/alerts", SESSION),
            Map.entry("DELETE /api/v1/accounts/{id}/alerts/{alertId}", SESSION),
            Map.entry("GET /api/v1/accounts/{id}/statement.pdf", SESSION),
            Map.entry("GET /api/v1/accounts/{id}/limits", SESSION),
            Map.entry("PUT /api/v1/accounts/{id}/limits", SESSION),
            Map.entry("POST /api/v1/transfers", SESSION),
            Map.entry("POST /api/v1/transfers/batch", SESSION),
            Map.entry("POST /api/v1/scheduled-transfers", SESSION),
            Map.entry("GET /api/v1/scheduled-transfers", SESSION),
            Map.entry("DELETE /api/v1/scheduled-transfers/{id}", SESSION),
            Map.entry("GET /api/v1/scheduled-transfers/{id}/runs", SESSION),
            Map.entry("GET /api/v1/transfers/{id}", SESSION),
            Map.entry("POST /api/v1/admin/accounts/{id}/deposits", SESSION),
            Map.entry("POST /api/v1/admin/accounts/{id}/withdrawals", SESSION),
            Map.entry("POST /api/v1/admin/accounts/{id}/freeze", SESSION),
            Map.entry("POST /api/v1/admin/accounts/{id}/unfreeze", SESSION),
            Map.entry("POST /api/v1/admin/users/{id}/roles", SESSION),
            Map.entry("POST /api/v1/admin/users/{id}/lock", SESSION),
            Map.entry("POST /api/v1/admin/users/{id}/unlock", SESSION),
            Map.entry("GET /api/v1/admin/ledger/verification", SESSION),
            Map.entry("GET /api/v1/admin/audit", SESSION),
            Map.entry("GET /api/v1/admin/approvals", SESSION),
            Map.entry("POST /api/v1/admin/approvals/{id}/approve", SESSION),
            Map.entry("POST /api/v1/admin/approvals/{id}/reject", SESSION),
            Map.entry("GET /api/v1/admin/settlement-accounts", SESSION),
            Map.entry("GET /api/v1/admin/test-clock", SESSION),
            Map.entry("POST /api/v1/admin/test-clock", SESSION),
            Map.entry("POST /api/v1/admin/reconciliation/statements", SESSION),
            Map.entry("GET /api/v1/admin/reconciliation/exceptions", SESSION),
            Map.entry("POST /api/v1/admin/reconciliation/exceptions/{id}/resolve", SESSION),
            Map.entry("POST /api/v1/merchant/api-keys", SESSION),
            Map.entry("GET /api/v1/merchant/api-keys", SESSION),
            Map.entry("DELETE /api/v1/merchant/api-keys/{id}", SESSION),
            Map.entry("POST /api/v1/checkout/sessions", KEY),
            Map.entry("GET /api/v1/checkout/sessions/{id}", BOTH),
            Map.entry("POST /api/v1/checkout/sessions/{id}/pay", SESSION),
            Map.entry("GET /api/v1/payments/{id}", BOTH),
            Map.entry("POST /api/v1/payments/{id}/capture", KEY),
            Map.entry("POST /api/v1/payments/{id}/cancel", KEY),
            Map.entry("POST /api/v1/payments/{id}/refunds", KEY),
            Map.entry("POST /api/v1/webhook-endpoints", KEY),
            Map.entry("GET /api/v1/webhook-endpoints", KEY),
            Map.entry("GET /api/v1/webhook-endpoints/{id}", KEY),
            Map.entry("PATCH /api/v1/webhook-endpoints/{id}", KEY),
            Map.entry("DELETE /api/v1/webhook-endpoints/{id}", KEY),
            Map.entry("POST /api/v1/webhook-endpoints/{id}/rotate-secret", KEY),
            Map.entry("POST /api/v1/webhook-endpoints/{id}/replay", KEY),
            Map.entry("POST /api/v1/webhook-endpoints/{id}/test", KEY),
            Map.entry("GET /api/v1/webhook-endpoints/{id}/deliveries", KEY),
            Map.entry("GET /api/v1/events", KEY),
            Map.entry("GET /api/v1/payments", KEY),
            Map.entry("POST /api/v1/prices", KEY),
            Map.entry("GET /api/v1/prices/{id}", KEY),
            Map.entry("GET /api/v1/subscriptions", SESSION),
            Map.entry("POST /api/v1/subscriptions/{id}/cancel", SESSION),
            Map.entry("GET /api/v1/merchant/subscriptions", KEY),
            Map.entry("POST /api/v1/merchant/subscriptions/{id}/cancel", KEY),
            Map.entry("GET /api/v1/invoices", BOTH),
            Map.entry("GET /api/v1/events/{id}", KEY),
            Map.entry("GET /api/v1/events/stream", SESSION),
            Map.entry("POST /api/v1/oauth/clients", SESSION),
            Map.entry("GET /api/v1/oauth/clients", SESSION),
            Map.entry("DELETE /api/v1/oauth/clients/{clientId}", SESSION)));

    @Test
    void everyOperationAcceptsExactlyItsCredentialKinds() {
        var everything = newUser("everything");
        grantRoles(everything.id(), "customer", "merchant", "admin");
        var key = api.post("/api/v1/merchant/api-keys").token(everything.token()).json(Map.of("name", "server"))
                .send().json().path("secret").asString();
        var appClient = AppTokens.registerPublicClient(api, everything.token(), "http://localhost:9/cb",
                List.of("openid", "profile", "email", "accounts:read"));
        var app = new AppTokens(port).tokens(everything.token(), appClient, "http://localhost:9/cb",
                List.of("openid", "profile", "email", "accounts:read")).path("access_token").asString();
        var credentials = Map.of("session", everything.token(), "key", key, "app", app);

        var doc = api.get("/v3/api-docs").send().json();
        var documented = new ArrayList<String>();
        var wrong = new ArrayList<String>();
        doc.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            var name = operation.getKey().toUpperCase() + " " + path.getKey();
            documented.add(name);
            var allowed = ALLOWED.get(name);
            if (allowed == null) {
                wrong.add(name + ": not in this test's table (say who may call it)");
                return;
            }
            for (var kind : new String[] {"session", "key", "app", "none"}) {
                var response = call(name, credentials.get(kind));
                var verdict = verdict(response, kind, allowed.contains(kind));
                if (verdict != null) {
                    wrong.add(name + " with " + kind + ": " + verdict + " (" + response + ")");
                }
            }
        }));
        assertThat(wrong).isEmpty();
        assertThat(documented).containsExactlyInAnyOrderElementsOf(ALLOWED.keySet());
    }

    private static String verdict(Api.Response response, String kind, boolean allowed) {
        boolean refusedForKind = response.status() == 403
                && (kind.equals("app") ? "insufficient_scope" : "forbidden").equals(response.code());
        if (kind.equals("none")) {
            return allowed == (response.status() != 401) ? null : allowed ? "refused anonymous" : "let anonymous in";
        }
        if (allowed && refusedForKind) {
            return "refused an allowed credential";
        }
        if (!allowed && !refusedForKind) {
            return "let a disallowed credential through";
        }
        return null;
    }

    /** Ids that name nothing: an allowed caller gets 404 or a validation error, never a change. */
    private Api.Response call(String operation, String token) {
        var parts = operation.split(" ", 2);
        var path = parts[1].replaceAll("\\{[^}]+}", "acc_doesnotexist0000000000");
        var call = api.method(parts[0], path).token(token).header("Idempotency-Key", UUID.randomUUID().toString());
        if (!parts[0].equals("GET") && !parts[0].equals("DELETE")) {
            call.json(Map.of());
        }
        return call.send();
    }
}
