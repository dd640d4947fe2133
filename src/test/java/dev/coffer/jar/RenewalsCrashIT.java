package dev.coffer.jar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Renewals survive {@code kill -9}: the jar with the test clock, subscriptions a year behind after a clock jump, the
 * server killed twice while it catches up and restarted on the same data: every period billed exactly once, paid by
 * exactly one transfer, the merchant credited exactly, and {@code verify} passes.
 */
class RenewalsCrashIT {

    static final String PASSWORD = "a long and unusual passphrase";
    private static final String ADMIN = "renewals-admin@example.com";
    static final int CUSTOMERS = 8;
    static final int SUBSCRIPTIONS_EACH = 5;
    static final int PERIODS = 12;
    static final long AMOUNT = 999;

    @Test
    void noPeriodIsMissedOrDoubledAcrossKills() throws Exception {
        long seed = Long.getLong("coffer.seed", System.nanoTime());
        var random = new Random(seed);
        var dataDir = Files.createTempDirectory(Path.of("target"), "it-renewals-");
        var client = new JarClient();
        var server = start(dataDir, "renewals-0", client);
        var admin = client.login(ADMIN, PASSWORD);
        var merchant = user(client, admin, "merchant", List.of("customer", "merchant"));
        var key = client.required("/api/v1/merchant/api-keys", merchant, null, Map.of("name", "server"))
                .path("secret").asString();
        var settlement = account(client, merchant, admin, 0);
        var price = client.required("/api/v1/prices", key, null, Map.of("productName", "Streaming", "amount", AMOUNT,
                "currency", "EUR", "interval", "month")).path("id").asString();
        for (int c = 0; c < CUSTOMERS; c++) {
            var customer = user(client, admin, "customer-" + c, List.of("customer"));
            var wallet = account(client, customer, admin, AMOUNT * (PERIODS + 1) * SUBSCRIPTIONS_EACH);
            for (int s = 0; s < SUBSCRIPTIONS_EACH; s++) {
                var session = client.required("/api/v1/checkout/sessions", key, UUID.randomUUID().toString(),
                        Map.of("mode", "subscription", "priceId", price, "settlementAccountId", settlement))
                        .path("id").asString();
                client.required("/api/v1/checkout/sessions/" + session + "/pay", customer,
                        UUID.randomUUID().toString(), Map.of("accountId", wallet));
            }
        }
        var subscriptions = new ArrayList<String>();
        client.getJson("/api/v1/merchant/subscriptions", key).path("data")
                .forEach(s -> subscriptions.add(s.path("id").asString()));
        assertThat(subscriptions).hasSize(CUSTOMERS * SUBSCRIPTIONS_EACH);

        client.required("/api/v1/admin/test-clock", admin, null, Map.of("advanceBy", "P1Y"));
        for (int kill = 1; kill <= 2; kill++) {
            Thread.sleep(200 + random.nextInt(1_200));
            server.process.destroyForcibly();
            server.process.waitFor();
            server = start(dataDir, "renewals-" + kill, client);
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (paid(client, key, subscriptions) < (long) subscriptions.size() * (PERIODS + 1)) {
            assertThat(System.nanoTime()).as("all periods paid within 3 minutes (seed " + seed + ")")
                    .isLessThan(deadline);
            Thread.sleep(500);
        }
        var transfers = new HashSet<String>();
        for (var id : subscriptions) {
            var periods = new HashSet<String>();
            for (var invoice : client.getJson("/api/v1/invoices?subscriptionId=" + id, key).path("data")) {
                assertThat(invoice.path("status").asString()).isEqualTo("paid");
                assertThat(periods.add(invoice.path("periodStart").asString())).as("one invoice a period").isTrue();
                if (!invoice.path("transferId").isNull()) {
                    assertThat(transfers.add(invoice.path("transferId").asString())).isTrue();
                }
            }
            assertThat(periods).hasSize(PERIODS + 1);
        }
        assertThat(transfers).hasSize(subscriptions.size() * PERIODS);
        var merchantNow = client.login("renewals-merchant@example.com", PASSWORD);
        assertThat(client.getJson("/api/v1/accounts/" + settlement, merchantNow).path("balance").path("available")
                .asLong()).isEqualTo(subscriptions.size() * (PERIODS + 1) * AMOUNT);
        System.out.printf("renewals crash test: %d subscriptions, %d periods, 2 kills, seed %d%n",
                subscriptions.size(), subscriptions.size() * PERIODS, seed);
        server.close();
        var verify = CofferProcess.run(dataDir, "verify");
        assertThat(verify.exitCode()).as(verify.output()).isZero();
    }

    private static long paid(JarClient client, String key, List<String> subscriptions) throws Exception {
        long paid = 0;
        for (var id : subscriptions) {
            for (var invoice : client.getJson("/api/v1/invoices?subscriptionId=" + id, key).path("data")) {
                if ("paid".equals(invoice.path("status").asString())) {
                    paid++;
                }
            }
        }
        return paid;
    }

    private static String user(JarClient client, String admin, String name, List<String> roles) throws Exception {
        var email = "renewals-" + name + "@example.com";
        var id = client.required("/api/v1/users", null, null, Map.of("email", email, "password", PASSWORD,
                "displayName", name)).path("id").asString();
        if (roles.size() > 1) {
            client.required("/api/v1/admin/users/" + id + "/roles", admin, null, Map.of("roles", roles));
        }
        return client.login(email, PASSWORD);
    }

    private static String account(JarClient client, String owner, String admin, long funds) throws Exception {
        var id = client.required("/api/v1/accounts", owner, null, Map.of("currency", "EUR", "name", "Wallet"))
                .path("id").asString();
        if (funds > 0) {
            client.required("/api/v1/admin/accounts/" + id + "/deposits", admin, UUID.randomUUID().toString(),
                    Map.of("amount", funds, "reference", "renewals"));
        }
        return id;
    }

    private static CofferProcess start(Path dataDir, String name, JarClient client) throws Exception {
        var process = CofferProcess.start(dataDir, name, "--coffer.admin.email=" + ADMIN,
                "--coffer.admin.password=" + PASSWORD, "--coffer.test-clock=true");
        process.awaitReady(Duration.ofSeconds(120));
        client.pointAt(process);
        return process;
    }
}
