package dev.coffer.cli.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bench history}: one account with many entries (a million: {@code --entries=1000000}), and three kinds of
 * history request against it, each measured on its own, with {@code GET /api/v1/me} as the anchor in the same run:
 * the first page, a page {@code --pages-back} pages back (its cursor built as the API builds them: base64url of
 * {@code e<entryNo>}), and the first page of a date filter ({@code from}/{@code to}) around the middle tenth of the
 * account's life. After one warm-up of all kinds mixed ({@code --warmup-seconds}), each kind runs twice: closed
 * loop at {@code --clients} (its saturation, req/s), then an open loop at {@code --latency-load} of that
 * saturation (its latency: at saturation, latency is queueing by construction, see docs/benchmarks.md). The goal
 * of issue #23: every kind at ≥ 0.5 × the anchor's req/s, p99 &lt; 10 ms.
 */
final class HistoryBench {

    static final int PAGE = 20;
    static final int MIN_ENTRIES = 100;
    /** Unmeasured seconds at the start of each phase, after the one warm-up of all kinds (at most the warm-up). */
    private static final Duration SETTLE = Duration.ofSeconds(2);
    static final double GOAL_RATIO = 0.5;
    static final double GOAL_P99_MILLIS = 10;

    private HistoryBench() {
    }

    /** One request kind: a name and the path it asks for. */
    record Kind(String name, String path, String describe) {
    }

    static int run(BenchClient client, BenchOptions options) throws Exception {
        System.err.printf("bench history against %s: one account with ~%,d entries; each kind closed loop at %d "
                        + "clients, then open loop at %.0f %% of that, %ds each (after %ds of warm-up)%n",
                options.url(), options.history().entries(), options.clients(), options.history().latencyLoad() * 100,
                options.duration().toSeconds(), options.warmup().toSeconds());
        var holder = new HistoryAccount[1];
        var kinds = new ArrayList<Kind>();
        BenchCommand.setUp(() -> {
            holder[0] = HistoryAccount.create(client, options);
            kinds.addAll(kinds(client, holder[0], options.history().pagesBack()));
        });
        var account = holder[0];
        warmUp(client, options, account.token(), kinds);
        var phases = new ArrayList<Map<String, Object>>();
        long errors = 0;
        double anchor = 0;
        for (var kind : kinds) {
            var measured = measure(client, options, account.token(), kind);
            errors += measured.errors();
            anchor = kind.name().equals("me") ? measured.saturation() : anchor;
            phases.add(measured.summary(anchor));
            System.out.println(measured.line(anchor));
        }
        var summary = new LinkedHashMap<String, Object>();
        summary.put("scenario", "history");
        summary.put("url", options.url());
        summary.put("entries", account.entries());
        summary.put("setUpRoute", account.setUpRoute());
        summary.put("setUpSeconds", Math.round(account.setUpSeconds() * 10) / 10.0);
        summary.put("clients", options.clients());
        summary.put("latencyLoad", options.history().latencyLoad());
        summary.put("seconds", options.duration().toSeconds());
        summary.put("warmupSeconds", options.warmup().toSeconds());
        summary.put("kinds", phases);
        summary.put("finishedAt", java.time.Instant.now().toString());
        var file = BenchReport.writeJson(options, summary);
        System.out.printf("history: %,d entries (%s set-up), errors %d (%s)%n", account.entries(),
                account.setUpRoute(), errors, file);
        return errors == 0 ? 0 : 1;
    }

    /**
     * The anchor and the three history requests, each tried once first: a kind that does not answer a full page
     * would measure something else than it claims, so it stops the set-up instead.
     */
    static List<Kind> kinds(BenchClient client, HistoryAccount account, int pagesBack) {
        var base = "/api/v1/accounts/" + account.accountId() + "/transactions?limit=" + PAGE;
        long entries = account.entries();
        long depth = Math.min(pagesBack, (entries - PAGE) / PAGE);
        long middle = entries / 2;
        long tenth = Math.max(PAGE, entries / 20);
        var from = createdAt(client, account, middle - tenth);
        var to = createdAt(client, account, middle + tenth);
        var kinds = List.of(
                new Kind("me", "/api/v1/me", "GET /api/v1/me (anchor)"),
                new Kind("first", base, "first page"),
                new Kind("deep", base + "&cursor=" + cursor(entries - PAGE * depth + 1),
                        String.format("page %,d pages back", depth)),
                new Kind("date", base + "&from=" + encode(from) + "&to=" + encode(to),
                        String.format("date filter, entries %,d..%,d", middle - tenth, middle + tenth - 1)));
        for (var kind : kinds) {
            var answer = client.get(kind.path(), account.token());
            if (answer.status() != 200) {
                throw new IllegalStateException(kind.describe() + ": GET " + kind.path() + " answered "
                        + answer.status() + ": " + answer.body());
            }
            if (!kind.name().equals("me") && answer.json().path("data").size() != PAGE) {
                throw new IllegalStateException(kind.describe() + ": GET " + kind.path() + " answered "
                        + answer.json().path("data").size() + " rows instead of " + PAGE);
            }
        }
        return kinds;
    }

    /** The API's history cursor for "entries before {@code entryNo}" (HistoryService.encodeCursor's format). */
    static String cursor(long entryNo) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("e" + entryNo).getBytes(StandardCharsets.UTF_8));
    }

    /** Entry {@code entryNo}'s time, as the API shows it: the one row of the page just before entry n + 1. */
    private static String createdAt(BenchClient client, HistoryAccount account, long entryNo) {
        var answer = client.get("/api/v1/accounts/" + account.accountId() + "/transactions?limit=1&cursor="
                + cursor(entryNo + 1), account.token());
        var rows = answer.status() == 200 ? answer.json().path("data") : null;
        if (rows == null || rows.size() != 1) {
            throw new IllegalStateException("entry " + entryNo + " of " + account.accountId() + " not found: "
                    + answer.status() + " " + answer.body());
        }
        return rows.get(0).path("createdAt").asString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** A kind's two phases: its saturation (closed loop) and its latency at a share of it (open loop). */
    record Measured(Kind kind, LoadRunner.Result closed, LoadRunner.Result open, double openRate) {
        double saturation() {
            return closed.throughput();
        }

        long errors() {
            return closed.errors() + open.errors() + closed.shed() + open.shed();
        }

        Map<String, Object> summary(double anchor) {
            var out = new LinkedHashMap<String, Object>();
            out.put("kind", kind.name());
            out.put("describe", kind.describe());
            out.put("path", kind.path());
            out.put("closedLoopPerSecond", round(closed.throughput()));
            out.put("closedLoopLatencyMillis", BenchReport.millis(closed.latency()));
            out.put("ratioToMe", anchor > 0 ? Math.round(closed.throughput() / anchor * 100) / 100.0 : null);
            out.put("openLoopTargetPerSecond", round(openRate));
            out.put("openLoopPerSecond", round(open.throughput()));
            out.put("openLoopLatencyMillis", BenchReport.millis(open.latency()));
            out.put("errors", errors());
            return out;
        }

        String line(double anchor) {
            double p99 = open.latency().getValueAtPercentile(99) / 1000.0;
            double ratio = closed.throughput() / anchor;
            var goal = kind.name().equals("me") ? "anchor"
                    : String.format("ratio to /me %.2f: goal ≥ %.1f %s; p99 goal < %.0f ms %s", ratio, GOAL_RATIO,
                            ratio >= GOAL_RATIO ? "met" : "NOT met", GOAL_P99_MILLIS,
                            p99 < GOAL_P99_MILLIS ? "met" : "NOT met");
            return String.format("history %-5s %s: %,.0f req/s, p99 %.1f ms (closed loop); at %,.0f req/s open loop: "
                            + "p50 %.2f ms, p99 %.2f ms; errors %d; %s", kind.name(), kind.describe(),
                    closed.throughput(), closed.latency().getValueAtPercentile(99) / 1000.0, open.throughput(),
                    open.latency().getValueAtPercentile(50) / 1000.0, p99, errors(), goal);
        }

        private static double round(double value) {
            return Math.round(value * 10) / 10.0;
        }
    }

    /**
     * All kinds mixed, for {@code --warmup-seconds}, before any is measured: otherwise the first kind measured
     * (the anchor) would also pay for compiling the code every kind shares, and look slower than it is.
     */
    private static void warmUp(BenchClient client, BenchOptions options, String token, List<Kind> kinds)
            throws InterruptedException {
        if (options.warmup().isZero()) {
            return;
        }
        Scenario mixed = (c, random) -> Scenario.ofRead(c.get(kinds.get(random.nextInt(kinds.size())).path(), token));
        LoadRunner.run(mixed, client, options.clients(), 0, options.warmup(), Duration.ZERO, "history warm-up");
    }

    private static Measured measure(BenchClient client, BenchOptions options, String token, Kind kind)
            throws InterruptedException {
        Scenario scenario = (c, random) -> Scenario.ofRead(c.get(kind.path(), token));
        // Compiled already (see warmUp): a moment for this kind's own paths and the clients to settle.
        var settle = options.warmup().compareTo(SETTLE) < 0 ? options.warmup() : SETTLE;
        var closed = LoadRunner.run(scenario, client, options.clients(), 0, settle, options.duration(),
                "history " + kind.name() + ", closed loop");
        double rate = Math.max(1, closed.throughput() * options.history().latencyLoad());
        var open = LoadRunner.run(scenario, client, options.clients(), rate, settle,
                options.duration(), String.format("history %s, open loop at %.0f req/s", kind.name(), rate));
        return new Measured(kind, closed, open, rate);
    }
}
