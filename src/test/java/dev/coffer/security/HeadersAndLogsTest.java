package dev.coffer.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.support.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Security headers on pages and API answers, no server version, no stack traces, and no secrets in the logs. */
class HeadersAndLogsTest extends IntegrationTest {

    private static final Pattern SECRET = Pattern.compile("(cfa|cfr|cfw|cfm)_[a-z2-7]{52}|sk_[a-z2-7]{52}|whsec_[a-z2-7]{52}");

    @Test
    void everyAnswerCarriesTheSecurityHeaders() {
        var user = newUser("headers");
        for (var response : List.of(api.get("/login").send(), api.get("/register").send(),
                api.get("/api/v1/me").token(user.token()).send(), api.get("/api/v1/me").send(),
                api.get("/nowhere").send(), api.post("/api/v1/users").json("{").send(),
                api.get("/actuator/health/readiness").send())) {
            assertThat(response.header("X-Content-Type-Options")).as(response.toString()).isEqualTo("nosniff");
            assertThat(response.header("Content-Security-Policy")).as(response.toString()).contains("frame-ancestors 'none'");
            assertThat(response.header("Server")).isNull();
            assertThat(response.header("X-Powered-By")).isNull();
            assertThat(response.body()).doesNotContain("Exception").doesNotContain("org.springframework");
        }
        var page = api.get("/login").send();
        assertThat(page.header("Content-Security-Policy")).doesNotContain("unsafe-inline");
        assertThat(page.header("Referrer-Policy")).isNotNull();
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
    }

    @Test
    void tokensAndKeysNeverReachTheLog() throws Exception {
        var shop = newShop();
        var user = newUser("secretive");
        shop.fundedAccount(user, "EUR", 100);
        api.post("/api/v1/sessions").json(Map.of("email", user.email(), "password", "wrong password here")).send();
        api.get("/api/v1/me").token(user.token() + "x").send();
        var logs = Files.list(Path.of("target", "surefire-reports")).filter(p -> p.toString().endsWith("-output.txt"))
                .toList();
        for (var log : logs) {
            var text = Files.readString(log);
            assertThat(SECRET.matcher(text).find()).as("secret in " + log).isFalse();
            assertThat(text).as(log.toString()).doesNotContain(PASSWORD).doesNotContain("wrong password here");
        }
    }
}
