package dev.coffer.jar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The built jar with holds that live two seconds ({@code --coffer.payments.hold-ttl=PT2S}): once a manual-capture
 * payment's hold has expired, the payer's money is available again and a capture is refused with nothing moved. The
 * release job is set to run hourly, so this is what the server does before any job has released the hold.
 */
class ExpiredHoldIT {

    private static final Duration READY = Duration.ofSeconds(90);
    private static final String PASSWORD = "a long and unusual passphrase";
    private static final String ADMIN = "holds-admin@example.com";
    private static final long FUNDS = 10_000;
    private static final long PRICE = 2_500;

    private final JarClient client = new JarClient();

    @Test
    void afterTheHoldExpiresTheCaptureIsRefusedAndTheMoneyIsAvailableAgain() throws Exception {
        var dataDir = Files.createTempDirectory(Path.of("target"), "it-holds-");
        try (var server = CofferProcess.start(dataDir, "expired-hold", "--coffer.payments.hold-ttl=PT2S",
                "--coffer.ledger.hold-expiry-interval=PT1H", "--coffer.admin.email=" + ADMIN,
                "--coffer.admin.password=" + PASSWORD)) {
            server.awaitReady(READY);
            client.pointAt(server);
            var admin = client.login(ADMIN, PASSWORD);
            var merchant = user("holds-shop@example.com");
            client.required("/api/v1/admin/users/" + merchant.id() + "/roles", admin, null,
                    Map.of("roles", List.of("customer", "merchant")));
            var merchantToken = client.login(merchant.email(), PASSWORD);
            var apiKey = client.required("/api/v1/merchant/api-keys", merchantToken, null, Map.of("name", "server"))
                    .path("secret").asString();
            var takings = account(merchantToken);
            var customer = client.login(user("holds-customer@example.com").email(), PASSWORD);
            var wallet = account(customer);
            client.required("/api/v1/admin/accounts/" + wallet + "/deposits", admin, UUID.randomUUID().toString(),
                    Map.of("amount", FUNDS, "reference", "jar test"));

            var session = client.required("/api/v1/checkout/sessions", apiKey, UUID.randomUUID().toString(), Map.of(
                    "currency", "EUR", "captureMethod", "manual", "settlementAccountId", takings,
                    "lineItems", List.of(Map.of("name", "Pizza", "quantity", 1, "unitAmount", PRICE)))).path("id");
            var payment = client.required("/api/v1/checkout/sessions/" + session.asString() + "/pay", customer,
                    UUID.randomUUID().toString(), Map.of("accountId", wallet));
            assertThat(payment.path("status").asString()).isEqualTo("requires_capture");
            var captureBefore = Instant.parse(payment.path("captureBefore").asString());
            assertThat(Duration.between(Instant.parse(payment.path("createdAt").asString()), captureBefore))
                    .isEqualTo(Duration.ofSeconds(2));
            var held = balance(wallet, customer);
            if (Instant.now().isBefore(captureBefore)) { // answered before the expiry (a loaded machine may be slower)
                assertThat(held.path("available").asLong()).as(held.toString()).isEqualTo(FUNDS - PRICE);
            }

            Thread.sleep(Math.max(0, Duration.between(Instant.now(), captureBefore).toMillis()) + 250);
            var capture = client.post("/api/v1/payments/" + payment.path("id").asString() + "/capture", apiKey, null,
                    Map.of());
            assertThat(capture.statusCode()).as(capture.body()).isEqualTo(409);
            assertThat(JarClient.JSON.readTree(capture.body()).path("code").asString()).isEqualTo("hold_expired");
            var restored = balance(wallet, customer);
            assertThat(restored.path("available").asLong()).as(restored.toString()).isEqualTo(FUNDS);
            assertThat(restored.path("ledger").asLong()).isEqualTo(FUNDS);
            assertThat(restored.path("pending").asLong()).isZero();
            assertThat(balance(takings, merchantToken).path("ledger").asLong()).as("nothing captured").isZero();

            var spendAll = client.post("/api/v1/transfers", customer, UUID.randomUUID().toString(), Map.of(
                    "fromAccountId", wallet, "toAccountId", takings, "amount", FUNDS, "currency", "EUR"));
            assertThat(spendAll.statusCode()).as("the expired hold's money can be spent: " + spendAll.body())
                    .isEqualTo(201);
            var verification = client.getJson("/api/v1/admin/ledger/verification", admin);
            assertThat(verification.path("ok").asBoolean()).as(verification.toString()).isTrue();
        }
    }

    private record User(String id, String email) {
    }

    private User user(String email) throws Exception {
        var id = client.required("/api/v1/users", null, null, Map.of("email", email, "password", PASSWORD,
                "displayName", "Holds")).path("id").asString();
        return new User(id, email);
    }

    private String account(String token) throws Exception {
        return client.required("/api/v1/accounts", token, null, Map.of("currency", "EUR", "name", "Wallet"))
                .path("id").asString();
    }

    private JsonNode balance(String accountId, String token) throws Exception {
        return client.getJson("/api/v1/accounts/" + accountId, token).path("balance");
    }
}
