package dev.coffer.cli.bench;

import java.util.SplittableRandom;

/** A workload: prepares its users and accounts through the API, then produces one request after another. */
interface Scenario {

    /** How an answer counts: success, a refusal the workload expects (insufficient funds), or an error. */
    enum Outcome { OK, INTENDED, ERROR }

    /** Creates what the workload needs; prints its progress. */
    void setUp(BenchClient client, BenchOptions options) throws Exception;

    /** Sends one request and says how it went. Called by many clients at once. */
    Outcome call(BenchClient client, SplittableRandom random);

    /** Work after the run (the transfers scenario verifies the ledger); returns false when something is wrong. */
    default boolean finish(BenchClient client, BenchOptions options) {
        return true;
    }
}
