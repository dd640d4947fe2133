package dev.coffer.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A merchant with an API key and a settlement account, an admin to fund people, and helpers for the checkout
 * flow: the cast of most payment tests.
 */
public final class Shop {

    private final Api api;
    public final IntegrationTest.TestUser merchant;
    public final IntegrationTest.TestUser admin;
    /** A second admin: deposits at or above the four-eyes threshold wait for them. */
    public final IntegrationTest.TestUser approver;
    public final String apiKey;
    public final String settlementAccount;

    Shop(Api api, IntegrationTest.TestUser merchant, IntegrationTest.TestUser admin,
            IntegrationTest.TestUser approver, String apiKey, String settlementAccount) {
        this.api = api;
        this.approver = approver;
        this.merchant = merchant;
        this.admin = admin;
        this.apiKey = apiKey;
        this.settlementAccount = settlementAccount;
    }

    /** Opens an account for {@code user} in {@code currency} and deposits {@code amount} into it. */
    public String fundedAccount(IntegrationTest.TestUser user, String currency, long amount) {
        var account = api.post("/api/v1/accounts").token(user.token())
                .json(Map.of("currency", currency, "name", "Wallet")).send();
        assertThat(account.status()).as(account.toString()).isEqualTo(201);
        var id = account.json().path("id").asString();
        if (amount > 0) {
            var deposit = api.post("/api/v1/admin/accounts/" + id + "/deposits").token(admin.token())
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .json(Map.of("amount", amount, "reference", "test")).send();
            if (deposit.status() == 202) {
                var approved = api.post("/api/v1/admin/approvals/" + deposit.json().path("approvalId").asString()
                        + "/approve").token(approver.token()).send();
                assertThat(approved.json().path("status").asString()).as(approved.toString()).isEqualTo("approved");
            } else {
                assertThat(deposit.status()).as(deposit.toString()).isEqualTo(201);
            }
        }
        return id;
    }

    /** A session for one item of {@code amount}; returns its id. */
    public String session(long amount, String captureMethod) {
        var created = createSession(Map.of("currency", "EUR",
                "lineItems", List.of(Map.of("name", "Pizza", "quantity", 1, "unitAmount", amount)),
                "captureMethod", captureMethod, "settlementAccountId", settlementAccount,
                "successUrl", "https://shop.example/thanks"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    public Api.Response createSession(Map<String, ?> body) {
        return api.post("/api/v1/checkout/sessions").token(apiKey)
                .header("Idempotency-Key", UUID.randomUUID().toString()).json(body).send();
    }

    public Api.Response pay(String token, String sessionId, String accountId) {
        return api.post("/api/v1/checkout/sessions/" + sessionId + "/pay").token(token)
                .header("Idempotency-Key", UUID.randomUUID().toString()).json(Map.of("accountId", accountId)).send();
    }

    /** Pays and returns the payment id. */
    public String paid(String token, String sessionId, String accountId) {
        var payment = pay(token, sessionId, accountId);
        assertThat(payment.status()).as(payment.toString()).isEqualTo(201);
        return payment.json().path("id").asString();
    }

    public Api.Response refund(String paymentId, Long amount) {
        var call = api.post("/api/v1/payments/" + paymentId + "/refunds").token(apiKey)
                .header("Idempotency-Key", UUID.randomUUID().toString());
        return (amount == null ? call : call.json(Map.of("amount", amount))).send();
    }

    public long balance(String token, String accountId, String which) {
        return api.get("/api/v1/accounts/" + accountId).token(token).send().json().path("balance").path(which).asLong();
    }
}
