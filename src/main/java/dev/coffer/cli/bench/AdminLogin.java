package dev.coffer.cli.bench;

import java.util.Map;

/**
 * The admin who funds the bench's accounts and asks for the ledger check. Checked before anything is created, so a
 * wrong or missing admin costs one clear line instead of a half-built population and a 401 or 403 deep in set-up.
 */
final class AdminLogin {

    /**
     * Which admin to name: {@code COFFER_ADMIN_*} creates an admin only when none exists yet, so a server that was
     * first started with the demo has the demo's admin and not the one in the environment.
     */
    static final String HINT = "give an admin's credentials with --admin-email=… --admin-password=… (default: "
            + "COFFER_ADMIN_EMAIL / COFFER_ADMIN_PASSWORD; a server first started with --coffer.demo=true has the "
            + "demo admin, admin@demo.coffer.dev, with the password its banner prints)";

    private AdminLogin() {
    }

    /** Logs in as the configured admin and returns the token; refuses credentials that fail or are not an admin's. */
    static String token(BenchClient client, BenchOptions options) {
        if (options.adminEmail().isBlank() || options.adminPassword().isBlank()) {
            throw new IllegalStateException("this scenario funds accounts and needs an admin: " + HINT);
        }
        var login = client.post("/api/v1/sessions", null, false,
                Map.of("email", options.adminEmail(), "password", options.adminPassword()));
        if (login.status() == BenchClient.NO_ANSWER) {
            throw new IllegalStateException("no answer from " + options.url() + " (" + login.body() + ")");
        }
        if (login.status() == 429) {
            throw new IllegalStateException("the admin login as " + options.adminEmail() + " was refused: too many "
                    + "logins from this address; start the server with a higher "
                    + "--coffer.identity.logins-per-ip-per-minute for benchmarks");
        }
        if (login.status() != 201) {
            throw new IllegalStateException("the admin login as " + options.adminEmail() + " failed (" + login.status()
                    + problemCode(login) + "): " + HINT);
        }
        var token = login.json().path("token").asString();
        var me = client.get("/api/v1/me", token);
        boolean admin = me.status() == 200 && me.json().path("roles").valueStream()
                .anyMatch(role -> "admin".equals(role.asString()));
        if (!admin) {
            throw new IllegalStateException(options.adminEmail() + " logs in but is not an admin: " + HINT);
        }
        return token;
    }

    private static String problemCode(BenchClient.Answer answer) {
        try {
            var code = answer.json().path("code").asString("");
            return code.isEmpty() ? "" : " " + code;
        } catch (RuntimeException notJson) {
            return "";
        }
    }
}
