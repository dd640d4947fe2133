package dev.coffer.cli.bench;

import java.util.Map;
import java.util.SplittableRandom;

/** An account and the first page of its history, alternately: what a dashboard or an app's home screen asks for. */
final class ReadsScenario implements Scenario {

    private static final int HISTORY = 50;
    /** Enough for the set-up's transfers, and under the four-eyes threshold, so one admin's deposit posts at once. */
    private static final long DEPOSIT = 100_000;

    private String token;
    private String account;

    @Override
    public void setUp(BenchClient client, BenchOptions options) throws Exception {
        var admin = AdminLogin.token(client, options);
        token = Population.create(client, 1, "reads").getFirst().token();
        account = client.required("/api/v1/accounts", token, false, Map.of("currency", "EUR", "name", "Read me"))
                .path("id").asString();
        var other = client.required("/api/v1/accounts", token, false, Map.of("currency", "EUR", "name", "Other"))
                .path("id").asString();
        client.required("/api/v1/admin/accounts/" + account + "/deposits", admin, true,
                Map.of("amount", DEPOSIT, "reference", "bench"));
        for (int i = 0; i < HISTORY; i++) {
            client.required("/api/v1/transfers", token, true, Map.of("fromAccountId", account, "toAccountId", other,
                    "amount", 1 + i, "currency", "EUR", "description", "bench " + i));
        }
    }

    @Override
    public Outcome call(BenchClient client, SplittableRandom random) {
        var path = random.nextBoolean() ? "/api/v1/accounts/" + account
                : "/api/v1/accounts/" + account + "/transactions";
        return client.get(path, token).status() == 200 ? Outcome.OK : Outcome.ERROR;
    }
}
