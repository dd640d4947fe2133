package dev.coffer.cli.bench;

import java.util.LinkedHashMap;
import java.util.concurrent.ExecutionException;

/**
 * {@code java -jar coffer.jar bench <scenario> …}: loads a running Coffer through its public API and reports
 * throughput and latency (JSON + SVG plot). A plain client: no Spring context; no database access, except the
 * history scenario's optional set-up shortcut ({@code --db-url}).
 */
public final class BenchCommand {

    private BenchCommand() {
    }

    /**
     * Returns the process exit code: 0 when the run was clean, 1 on errors, shed requests or a failed ledger check,
     * 2 on usage or a failed set-up.
     */
    public static int run(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage() + "\n" + BenchOptions.USAGE);
            return 2;
        }
        var client = new BenchClient(options.url());
        try {
            return switch (options.scenario()) {
                case "history" -> HistoryBench.run(client, options);
                case "stream" -> StreamBench.run(client, options);
                case "renewals" -> RenewalsBench.run(client, options);
                default -> runOne(client, options);
            };
        } catch (SetUpFailed e) {
            System.err.println("\nbench: set-up failed, nothing measured: " + e.getMessage());
            return 2;
        }
    }

    /** Set-up did not complete: the bench stops with this one line and exit code 2. */
    static final class SetUpFailed extends Exception {
        private static final long serialVersionUID = 1L;

        SetUpFailed(Exception cause) {
            super((cause instanceof ExecutionException && cause.getCause() != null ? cause.getCause() : cause)
                    .getMessage(), cause);
        }
    }

    /** Runs {@code setUp}, turning any failure into {@link SetUpFailed}. */
    static void setUp(SetUpStep setUp) throws SetUpFailed {
        try {
            setUp.run();
        } catch (Exception e) {
            throw new SetUpFailed(e);
        }
    }

    @FunctionalInterface
    interface SetUpStep {
        void run() throws Exception;
    }

    private static int runOne(BenchClient client, BenchOptions options) throws Exception {
        Scenario scenario = switch (options.scenario()) {
            case "transfers" -> new TransfersScenario();
            case "logins" -> new LoginsScenario();
            case "reads" -> new ReadsScenario();
            default -> new BaselineScenario();
        };
        var loop = options.rate() > 0 ? "open loop at " + options.rate() + " req/s" : "closed loop";
        System.err.printf("bench %s against %s: %d clients, %s, for %ds (after %ds of warm-up)%n",
                options.scenario(), options.url(), options.clients(), loop, options.duration().toSeconds(),
                options.warmup().toSeconds());
        setUp(() -> scenario.setUp(client, options));
        var gauges = options.watchServer() ? ServerGauges.watch(client) : null;
        var result = LoadRunner.run(scenario, client, options.clients(), options.rate(), options.warmup(),
                options.duration(), options.scenario());
        var extra = new LinkedHashMap<String, Object>();
        if (gauges != null) {
            var server = gauges.stop();
            extra.put("server", server);
            System.err.println(ServerGauges.describe(server));
        }
        boolean ledgerOk = scenario.finish(client, options);
        if (scenario instanceof LoginsScenario logins) {
            extra.put("anchorRawArgon2HashesPerSecond", Math.round(logins.rawHashesPerSecond() * 10) / 10.0);
            extra.put("ratioToAnchor", Math.round(result.throughput() / logins.rawHashesPerSecond() * 1000) / 1000.0);
        }
        if (options.batch() > 1) {
            extra.put("transfersPerRequest", options.batch());
            extra.put("transfersPerSecond", Math.round(result.throughput() * options.batch() * 10) / 10.0);
            System.out.printf("bulk: %d transfers per request, %.1f transfers/s%n", options.batch(),
                    result.throughput() * options.batch());
        }
        extra.put("ledgerVerified", ledgerOk);
        var summary = BenchReport.summary(options, result, extra);
        var file = BenchReport.write(options, summary, result);
        System.out.printf("%s: %.1f req/s, p50 %.1f ms, p99 %.1f ms, errors %d, shed %d, intended refusals %d (%s)%n",
                options.scenario(), result.throughput(), result.latency().getValueAtPercentile(50) / 1000.0,
                result.latency().getValueAtPercentile(99) / 1000.0, result.errors(), result.shed(),
                result.intended(), file);
        return result.errors() == 0 && result.shed() == 0 && ledgerOk ? 0 : 1;
    }
}
