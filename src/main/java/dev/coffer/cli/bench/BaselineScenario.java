package dev.coffer.cli.bench;

import java.util.SplittableRandom;

/** The cheapest authenticated request, {@code GET /api/v1/me}: the anchor for the reads scenario. */
final class BaselineScenario implements Scenario {

    private String token;

    @Override
    public void setUp(BenchClient client, BenchOptions options) throws Exception {
        token = Population.create(client, 1, "baseline").getFirst().token();
    }

    @Override
    public Outcome call(BenchClient client, SplittableRandom random) {
        return client.get("/api/v1/me", token).status() == 200 ? Outcome.OK : Outcome.ERROR;
    }
}
