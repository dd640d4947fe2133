package dev.coffer.cli.bench;

import java.util.SplittableRandom;

/** A workload: prepares its users and accounts through the API, then produces one request after another. */
@FunctionalInterface
interface Scenario {

    /**
     * How an answer counts: success, a refusal the workload expects (insufficient funds), shed (503 with
     * Retry-After: the server said "not now" and how long to wait, which an overloaded server should do quickly),
     * or an error.
     */
    enum Outcome { OK, INTENDED, SHED, ERROR }

    /** Creates what the workload needs; prints its progress. */
    default void setUp(BenchClient client, BenchOptions options) throws Exception {
    }

    /** Sends one request and says how it went. Called by many clients at once. */
    Outcome call(BenchClient client, SplittableRandom random);

    /** Work after the run (the transfers scenario verifies the ledger); returns false when something is wrong. */
    default boolean finish(BenchClient client, BenchOptions options) {
        return true;
    }

    /** How a plain read's answer counts: 200 is success, 503 with Retry-After is shed, anything else an error. */
    static Outcome ofRead(BenchClient.Answer answer) {
        if (answer.status() == 200) {
            return Outcome.OK;
        }
        return answer.shed() ? Outcome.SHED : Outcome.ERROR;
    }
}
