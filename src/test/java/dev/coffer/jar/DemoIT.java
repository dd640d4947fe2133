package dev.coffer.jar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code java -jar coffer.jar --coffer.demo=true}, as a newcomer runs it: the printed credentials log in, the customer
 * has accounts with money and history, and the printed checkout session can be paid. A second start seeds nothing
 * new. Without the switch nothing is seeded. (Runs the jar as built, with its Spring AOT context, so this also checks
 * that the demo switch is decided at run time.)
 */
class DemoIT {

    private static final Duration READY = Duration.ofSeconds(90);
    private static final Pattern SESSION_URL = Pattern.compile("Open checkout session to pay: \\S+/pay/(\\S+)");
    private static final Pattern API_KEY = Pattern.compile("Merchant API key \\(shown once\\): (sk_\\S+)");
    private static final String CUSTOMER = "dana@demo.coffer.dev";
    private static final String PASSWORD = "coffer-demo-2026";

    private final JarClient client = new JarClient();

    @Test
    void theDemoSeedsUsersMoneyHistoryAndAnOpenCheckoutOnce() throws Exception {
        var dataDir = Files.createTempDirectory(Path.of("target"), "it-demo-");
        try (var first = CofferProcess.start(dataDir, "demo", "--coffer.demo=true")) {
            first.awaitReady(READY);
            client.pointAt(first);
            var banner = awaitLog(first, "=====================================================");
            var sessionId = match(SESSION_URL, banner);
            assertThat(match(API_KEY, banner)).startsWith("sk_");

            var dana = client.login(CUSTOMER, PASSWORD);
            var accounts = byName(client.getJson("/api/v1/accounts", dana).path("data"));
            assertThat(accounts).containsOnlyKeys("Everyday", "Savings", "Tokyo trip");
            var everyday = accounts.get("Everyday");
            // 2,500.00 salary − 500.00 to savings + 125.50 back − 9.50 for a pizza paid at checkout
            assertThat(everyday.path("balance").path("available").asLong()).isEqualTo(211_600);
            assertThat(accounts.get("Savings").path("balance").path("ledger").asLong()).isEqualTo(1_027_450);
            var history = client.getJson("/api/v1/accounts/" + everyday.path("id").asString() + "/transactions", dana);
            assertThat(history.path("data")).hasSize(4);

            var session = client.getJson("/api/v1/checkout/sessions/" + sessionId, dana);
            assertThat(session.path("status").asString()).isEqualTo("open");
            var payment = client.post("/api/v1/checkout/sessions/" + sessionId + "/pay", dana,
                    UUID.randomUUID().toString(), Map.of("accountId", everyday.path("id").asString()));
            assertThat(payment.statusCode()).as(payment.body()).isEqualTo(201);
            assertThat(client.getJson("/api/v1/accounts/" + everyday.path("id").asString(), dana)
                    .path("balance").path("available").asLong()).isEqualTo(211_600 - 3_150);
        }
        try (var again = CofferProcess.start(dataDir, "demo-again", "--coffer.demo=true")) {
            again.awaitReady(READY);
            client.pointAt(again);
            assertThat(awaitLog(again, "demo data already present")).isNotBlank();
            var dana = client.login(CUSTOMER, PASSWORD);
            assertThat(client.getJson("/api/v1/accounts", dana).path("data")).hasSize(3);
        }
    }

    @Test
    void withoutTheSwitchNothingIsSeeded() throws Exception {
        var dataDir = Files.createTempDirectory(Path.of("target"), "it-demo-");
        try (var plain = CofferProcess.start(dataDir, "no-demo")) {
            plain.awaitReady(READY);
            Thread.sleep(1_000); // the demo would seed right after readiness
            var login = plain.post("/api/v1/sessions",
                    "{\"email\":\"" + CUSTOMER + "\",\"password\":\"" + PASSWORD + "\"}");
            assertThat(login.statusCode()).isEqualTo(401);
            assertThat(Files.readString(plain.log)).doesNotContain("Coffer demo");
        }
    }

    /** Waits until the process log contains {@code marker}; returns the whole log. */
    private static String awaitLog(CofferProcess process, String marker) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            var log = Files.readString(process.log);
            if (log.contains(marker)) {
                return log;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no \"" + marker + "\" in the log:\n" + process.tail());
    }

    private static String match(Pattern pattern, String text) {
        var matcher = pattern.matcher(text);
        assertThat(matcher.find()).as(pattern + " in the demo banner").isTrue();
        return matcher.group(1);
    }

    private static Map<String, JsonNode> byName(JsonNode accounts) {
        var byName = new HashMap<String, JsonNode>();
        List.copyOf(accounts.valueStream().toList()).forEach(a -> byName.put(a.path("name").asString(), a));
        return byName;
    }
}
