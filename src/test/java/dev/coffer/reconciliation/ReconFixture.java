package dev.coffer.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.support.Api;
import dev.coffer.support.IntegrationTest.TestUser;
import java.util.Map;
import java.util.UUID;

/** Money in and out of one currency's settlement account over the API, and the account's id. */
record ReconFixture(Api api, TestUser admin, String customerAccount, String currency) {

    String settlementAccount() {
        var list = api.get("/api/v1/admin/settlement-accounts").token(admin.token()).send();
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        for (var account : list.json().path("data")) {
            if (account.path("currency").asString().equals(currency)) {
                return account.path("id").asString();
            }
        }
        throw new AssertionError("no settlement account for " + currency + ": " + list);
    }

    /** A deposit (money that arrived at the bank) into the customer account; returns the transfer id. */
    String deposit(long amount, String reference) {
        return move("deposits", amount, reference);
    }

    String withdraw(long amount, String reference) {
        return move("withdrawals", amount, reference);
    }

    private String move(String kind, long amount, String reference) {
        var body = reference == null ? Map.of("amount", amount) : Map.of("amount", amount, "reference", reference);
        var response = api.post("/api/v1/admin/accounts/" + customerAccount + "/" + kind).token(admin.token())
                .header("Idempotency-Key", UUID.randomUUID().toString()).json(body).send();
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().path("id").asString();
    }

    Api.Response importStatement(String contentType, String body) {
        return api.post("/api/v1/admin/reconciliation/statements?accountId=" + settlementAccount())
                .token(admin.token()).body(contentType, body).send();
    }

    Api.Response exceptions() {
        return api.get("/api/v1/admin/reconciliation/exceptions?limit=100&accountId=" + settlementAccount())
                .token(admin.token()).send();
    }

    Api.Response resolve(String exceptionId, Object body) {
        return api.post("/api/v1/admin/reconciliation/exceptions/" + exceptionId + "/resolve").token(admin.token())
                .json(body).send();
    }
}
