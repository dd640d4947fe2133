package dev.coffer.cli.bench;

import java.util.LinkedHashMap;

/**
 * {@code java -jar coffer.jar bench <scenario> …}: loads a running Coffer through its public API and reports
 * throughput and latency (JSON + SVG plot). A plain client: no Spring context, no database access.
 */
public final class BenchCommand {

    private BenchCommand() {
    }

    /** Returns the process exit code: 0 when the run was clean, 1 on errors or a failed ledger check, 2 on usage. */
    public static int run(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage() + "\n" + BenchOptions.USAGE);
            return 2;
        }
        Scenario scenario = switch (options.scenario()) {
            case "transfers" -> new TransfersScenario();
            case "logins" -> new LoginsScenario();
            case "reads" -> new ReadsScenario();
            default -> new BaselineScenario();
        };
        var client = new BenchClient(options.url());
        var loop = options.rate() > 0 ? "open loop at " + options.rate() + " req/s" : "closed loop";
        System.err.printf("bench %s against %s: %d clients, %s, for %ds (after %ds of warm-up)%n",
                options.scenario(), options.url(), options.clients(), loop, options.duration().toSeconds(),
                options.warmup().toSeconds());
        try {
            scenario.setUp(client, options);
        } catch (Exception e) {
            var cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
            System.err.println("\nbench: set-up failed, nothing measured: " + cause.getMessage());
            return 2;
        }
        var result = LoadRunner.run(scenario, client, options.clients(), options.rate(), options.warmup(),
                options.duration(), options.scenario());
        boolean ledgerOk = scenario.finish(client, options);
        var extra = new LinkedHashMap<String, Object>();
        if (scenario instanceof LoginsScenario logins) {
            extra.put("anchorRawArgon2HashesPerSecond", Math.round(logins.rawHashesPerSecond() * 10) / 10.0);
            extra.put("ratioToAnchor", Math.round(result.throughput() / logins.rawHashesPerSecond() * 1000) / 1000.0);
        }
        extra.put("ledgerVerified", ledgerOk);
        var summary = BenchReport.summary(options, result, extra);
        var file = BenchReport.write(options, summary, result);
        System.out.printf("%s: %.1f req/s, p50 %.1f ms, p99 %.1f ms, errors %d, intended refusals %d (%s)%n",
                options.scenario(), result.throughput(), result.latency().getValueAtPercentile(50) / 1000.0,
                result.latency().getValueAtPercentile(99) / 1000.0, result.errors(), result.intended(), file);
        return result.errors() == 0 && ledgerOk ? 0 : 1;
    }
}
