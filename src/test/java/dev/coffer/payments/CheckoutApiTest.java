package dev.coffer.payments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.support.IntegrationTest;
import dev.coffer.support.Shop;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Merchant API keys and checkout sessions over HTTP. */
class CheckoutApiTest extends IntegrationTest {

    private Shop shop;

    @BeforeEach
    void shop() {
        shop = newShop();
    }

    @Test
    void aMerchantCreatesASessionWithItsServerKey() {
        var created = shop.createSession(Map.of("currency", "EUR",
                "lineItems", List.of(Map.of("name", "Margherita", "quantity", 2, "unitAmount", 850),
                        Map.of("name", "Cola", "quantity", 1, "unitAmount", 250)),
                "captureMethod", "automatic", "settlementAccountId", shop.settlementAccount,
                "successUrl", "https://shop.example/thanks", "metadata", Map.of("order", "42")));
        assertThat(created.status()).isEqualTo(201);
        var json = created.json();
        assertThat(json.path("id").asString()).startsWith("cs_");
        assertThat(json.path("status").asString()).isEqualTo("open");
        assertThat(json.path("amount").asLong()).isEqualTo(1950);
        assertThat(json.path("currency").asString()).isEqualTo("EUR");
        assertThat(json.path("url").asString()).endsWith("/pay/" + json.path("id").asString());
        assertThat(json.path("expiresAt").asString()).isNotBlank();

        var asMerchant = api.get("/api/v1/checkout/sessions/" + json.path("id").asString()).token(shop.apiKey).send();
        assertThat(asMerchant.json().path("metadata").path("order").asString()).isEqualTo("42");
        var customer = newUser("customer");
        var asCustomer = api.get("/api/v1/checkout/sessions/" + json.path("id").asString()).token(customer.token()).send();
        assertThat(asCustomer.status()).isEqualTo(200);
        assertThat(asCustomer.json().path("lineItems")).hasSize(2);
        assertThat(asCustomer.json().path("metadata").isEmpty()).isTrue();
    }

    @Test
    void sessionCreationIsIdempotent() {
        var body = Map.of("currency", "EUR", "lineItems", List.of(Map.of("name", "Tea", "quantity", 1, "unitAmount", 300)),
                "captureMethod", "manual", "settlementAccountId", shop.settlementAccount);
        var key = UUID.randomUUID().toString();
        var first = api.post("/api/v1/checkout/sessions").token(shop.apiKey).header("Idempotency-Key", key).json(body).send();
        var again = api.post("/api/v1/checkout/sessions").token(shop.apiKey).header("Idempotency-Key", key).json(body).send();
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.body()).isEqualTo(first.body());
        var missing = api.post("/api/v1/checkout/sessions").token(shop.apiKey).json(body).send();
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.code()).isEqualTo("idempotency_key_required");
    }

    @Test
    void theSettlementAccountMustBeTheMerchantsOwnInTheSessionsCurrency() {
        var stranger = newUser("stranger");
        var foreign = shop.fundedAccount(stranger, "EUR", 0);
        var notOwn = shop.createSession(sessionBody("EUR", foreign, 100));
        assertThat(notOwn.status()).isEqualTo(404);
        var mismatch = shop.createSession(sessionBody("USD", shop.settlementAccount, 100));
        assertThat(mismatch.status()).isEqualTo(422);
        assertThat(mismatch.code()).isEqualTo("currency_mismatch");
    }

    @Test
    void amountsAreCheckedForOverflowAndBounds() {
        var huge = shop.createSession(Map.of("currency", "EUR", "settlementAccountId", shop.settlementAccount,
                "lineItems", List.of(Map.of("name", "Gold", "quantity", 100_000, "unitAmount", 1_000_000_000_000_000L))));
        assertThat(huge.status()).isEqualTo(422);
        assertThat(huge.code()).isEqualTo("amount_too_large");
        var free = shop.createSession(sessionBody("EUR", shop.settlementAccount, 0));
        assertThat(free.status()).isEqualTo(422);
        assertThat(free.code()).isEqualTo("invalid_amount");
    }

    @Test
    void badSessionsAreRefusedWithValidationErrors() {
        var tooMuchMetadata = new java.util.HashMap<String, Object>(sessionBody("EUR", shop.settlementAccount, 100));
        var entries = new java.util.HashMap<String, String>();
        IntStream.range(0, 21).forEach(i -> entries.put("k" + i, "v"));
        tooMuchMetadata.put("metadata", entries);
        for (var body : List.<Map<String, ?>>of(
                Map.of("currency", "EUR", "settlementAccountId", shop.settlementAccount),
                Map.of("currency", "EUR", "settlementAccountId", shop.settlementAccount, "lineItems", List.of()),
                Map.of("currency", "eur", "settlementAccountId", shop.settlementAccount,
                        "lineItems", List.of(Map.of("name", "x", "quantity", 1, "unitAmount", 1))),
                Map.of("currency", "EUR", "settlementAccountId", shop.settlementAccount, "captureMethod", "later",
                        "lineItems", List.of(Map.of("name", "x", "quantity", 1, "unitAmount", 1))),
                Map.of("currency", "EUR", "settlementAccountId", shop.settlementAccount, "successUrl", "javascript:x",
                        "lineItems", List.of(Map.of("name", "x", "quantity", 1, "unitAmount", 1))),
                Map.of("currency", "EUR", "settlementAccountId", shop.settlementAccount,
                        "lineItems", List.of(Map.of("name", "x", "quantity", 0, "unitAmount", 1))),
                tooMuchMetadata)) {
            var response = shop.createSession(body);
            assertThat(response.status()).as(body.toString()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void onlyMerchantsCreateSessionsAndOnlyTheirOwnAreVisibleToOtherMerchants() {
        var customer = newUser("customer");
        var byCustomer = api.post("/api/v1/checkout/sessions").token(customer.token())
                .header("Idempotency-Key", "k1").json(sessionBody("EUR", shop.settlementAccount, 100)).send();
        assertThat(byCustomer.status()).isEqualTo(403);
        var session = shop.session(500, "automatic");
        var other = newShop();
        assertThat(api.get("/api/v1/checkout/sessions/" + session).token(other.apiKey).send().status()).isEqualTo(404);
        assertThat(api.get("/api/v1/checkout/sessions/cs_unknown").token(shop.apiKey).send().status()).isEqualTo(404);
    }

    @Test
    void sessionsExpireAfterThirtyMinutes() {
        var session = shop.session(500, "automatic");
        var customer = newUser("late");
        var account = shop.fundedAccount(customer, "EUR", 1_000);
        clock.advance(Duration.ofMinutes(31));
        customer = login(customer.id(), customer.email(), customer.password());
        var view = api.get("/api/v1/checkout/sessions/" + session).token(customer.token()).send();
        assertThat(view.json().path("status").asString()).isEqualTo("expired");
        var pay = shop.pay(customer.token(), session, account);
        assertThat(pay.status()).isEqualTo(409);
        assertThat(pay.code()).isEqualTo("session_not_open");
        assertThat(shop.balance(customer.token(), account, "available")).isEqualTo(1_000);
    }

    @Test
    void apiKeysAreShownOnceListedAndRevocable() {
        var created = api.post("/api/v1/merchant/api-keys").token(shop.merchant.token())
                .json(Map.of("name", "second")).send();
        var secret = created.json().path("secret").asString();
        var id = created.json().path("id").asString();
        assertThat(secret).startsWith("sk_").hasSizeGreaterThanOrEqualTo(3 + 52);
        var list = api.get("/api/v1/merchant/api-keys").token(shop.merchant.token()).send();
        assertThat(list.body()).contains(id).doesNotContain(secret);
        assertThat(api.get("/api/v1/checkout/sessions/cs_x").token(secret).send().status()).isEqualTo(404);

        var otherMerchant = newShop();
        assertThat(api.delete("/api/v1/merchant/api-keys/" + id).token(otherMerchant.merchant.token()).send().status())
                .isEqualTo(404);
        assertThat(api.delete("/api/v1/merchant/api-keys/" + id).token(shop.merchant.token()).send().status())
                .isEqualTo(204);
        var afterRevoke = api.get("/api/v1/checkout/sessions/cs_x").token(secret).send();
        assertThat(afterRevoke.status()).isEqualTo(401);
        var byCustomer = api.post("/api/v1/merchant/api-keys").token(newUser("c").token()).json(Map.of("name", "x")).send();
        assertThat(byCustomer.status()).isEqualTo(403);
    }

    private static Map<String, Object> sessionBody(String currency, String settlement, long unitAmount) {
        return Map.of("currency", currency, "settlementAccountId", settlement, "captureMethod", "automatic",
                "lineItems", List.of(Map.of("name", "Item", "quantity", 1, "unitAmount", unitAmount)));
    }
}
