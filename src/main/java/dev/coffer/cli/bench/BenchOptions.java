package dev.coffer.cli.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code java -jar coffer.jar bench <scenario> [--name=value …]}: what to run against which server.
 *
 * @param scenario     transfers, logins, reads, baseline, history or stream
 * @param url          the Coffer to load (it must be running)
 * @param clients      concurrent clients, so at most this many requests in flight
 * @param rate         open loop: requests per second in total, due on a fixed schedule spread over the clients; 0 for
 *                     closed loop (each client sends its next request when the last one answered)
 * @param duration     how long to measure, after set-up
 * @param warmup       how long to send load before measuring (both JVMs compile their hot code meanwhile); its
 *                     requests are not counted
 * @param accounts     accounts to create for the transfers scenario; 2,000 by default. The contention it is about
 *                     comes from the hot accounts (a fixed share of all transfers touches one), however many
 *                     ordinary accounts there are, and 2,000 or 10,000 rows both sit in the database's memory;
 *                     but each account costs two requests to set up (and every 20 a sign-up and a login), so
 *                     five times fewer start the measurement minutes sooner
 * @param hotAccounts  how many of them are "hot"
 * @param hotShare     the share of transfers that touch a hot account
 * @param retries      how often a transfer without an answer (connection lost, 502/503/504) is sent again with the
 *                     same idempotency key, as a careful client would; 0 counts the first failure as an error
 * @param ackLog       where to write the id of every acknowledged (201) transfer, one per line; null for nowhere
 * @param accountsOut  transfers: where to write the set-up accounts (id, owner's token, hot or not) for another
 *                     load generator (wrk); null for nowhere
 * @param watchServer  sample the server's heap and live threads ({@code /actuator/prometheus}) before, during and
 *                     after the measurement
 * @param history      the history scenario's account size and set-up route
 * @param streams      the stream scenario's users, each with one open event stream
 * @param batch        transfers: transfers per request; 1 sends {@code POST /api/v1/transfers}, more send that many
 *                     in one {@code POST /api/v1/transfers/batch}
 * @param renewals     the renewals scenario's subscriptions and their interval
 */
record BenchOptions(String scenario, String url, int clients, double rate, Duration duration, Duration warmup,
        int accounts, int hotAccounts, double hotShare, String adminEmail, String adminPassword, Path out,
        int retries, Path ackLog, Path accountsOut, boolean watchServer, HistoryOptions history, int streams,
        int batch, RenewalOptions renewals) {

    static final int DEFAULT_ACCOUNTS = 2_000;
    static final int MAX_BATCH = 1_000;
    static final List<String> SCENARIOS = List.of("transfers", "logins", "reads", "baseline", "history", "stream",
            "renewals");

    /**
     * The history scenario's options.
     *
     * @param entries     entries on the one measured account (about: the set-up writes pairs of transfers)
     * @param pagesBack   how deep the "deep" page is, in pages of 20 (less when the account has fewer pages)
     * @param latencyLoad the open-loop rate of each kind's latency phase, as a share of its measured saturation
     * @param dbUrl       the server's own database (JDBC URL, as its {@code COFFER_DB_URL}): set up the entries
     *                    there directly, a benchmark-only shortcut; null to set them up with transfers over HTTP
     */
    record HistoryOptions(int entries, int pagesBack, double latencyLoad, String dbUrl, String dbUser,
            String dbPassword) {
    }

    /**
     * The renewals scenario's options.
     *
     * @param subscriptions subscriptions to start, all due at once after the clock jump
     * @param interval      their price's interval: day, week, month or year
     */
    record RenewalOptions(int subscriptions, String interval) {
    }

    static final String USAGE = """
            usage: java -jar coffer.jar bench <transfers|logins|reads|baseline|history|stream|renewals> [options]
              --url=http://localhost:8080   the running Coffer to measure
              --clients=64                  concurrent clients
              --rate=0                      open loop: requests per second in total, on a fixed schedule (latency
                                            counts from when a request was due); 0 = closed loop, each client
                                            sends its next request when the last one answered
              --seconds=30                  measuring time after set-up (history: per phase)
              --warmup-seconds=0            load sent before measuring, not counted (JIT warm-up)
              --accounts=2000               accounts for the transfers scenario (set up through the API)
              --hot-accounts=10 --hot-share=0.2   hot accounts and the share of transfers touching one
              --admin-email=… --admin-password=…  an admin to fund accounts (default: COFFER_ADMIN_EMAIL/PASSWORD)
              --out=target/bench            where the JSON result and the SVG plot go
              --retries=0                   transfers: resend an unanswered transfer (connection lost, 502/503/504)
                                            up to this many times with the same idempotency key
              --ack-log=FILE                transfers: write the id of every acknowledged transfer to FILE
              --accounts-out=FILE           transfers: write the accounts (id, token, hot 0/1) to FILE, for wrk
              --watch-server=false          sample the server's heap and threads (/actuator/prometheus)
              --entries=1000                history: entries on the one measured account
              --pages-back=1000             history: depth of the deep page, in pages of 20
              --latency-load=0.5            history: open-loop rate of each latency phase, share of saturation
              --db-url=… --db-user=… --db-password=…   history: set the entries up directly in the server's own
                                            database (default: COFFER_DB_URL/USER/PASSWORD); a benchmark-only
                                            shortcut: without it they are set up with transfers over HTTP
              --streams=10                  stream: users, each with one open event stream
              --batch=1                     transfers: transfers per request (more than 1: the bulk endpoint,
                                            POST /api/v1/transfers/batch; at most 1000)
              --subscriptions=1000          renewals: subscriptions to start, then renew at once after a jump of
                                            the server's test clock (start it with --coffer.test-clock=true)
              --interval=month              renewals: the price's interval (day, week, month, year)
            """;

    private static final Set<String> OPTIONS = Set.of("url", "clients", "rate", "seconds", "warmup-seconds",
            "accounts", "hot-accounts", "hot-share", "admin-email", "admin-password", "out", "retries", "ack-log",
            "accounts-out", "watch-server", "entries", "pages-back", "latency-load", "db-url", "db-user",
            "db-password", "streams", "batch", "subscriptions", "interval");

    static BenchOptions parse(String[] args) {
        if (args.length == 0 || args[0].startsWith("-")) {
            throw new IllegalArgumentException("name a scenario");
        }
        var scenario = args[0];
        if (!SCENARIOS.contains(scenario)) {
            throw new IllegalArgumentException("unknown scenario " + scenario);
        }
        var values = OptionValues.parse(args, 1, OPTIONS);
        var env = System.getenv();
        var history = new HistoryOptions(values.positive("entries", 1_000), values.positive("pages-back", 1_000),
                values.number("latency-load", 0.5, 0.01, 1.0),
                blankToNull(values.text("db-url", env.getOrDefault("COFFER_DB_URL", ""))),
                values.text("db-user", env.getOrDefault("COFFER_DB_USER", "")),
                values.text("db-password", env.getOrDefault("COFFER_DB_PASSWORD", "")));
        if (scenario.equals("history") && history.entries() < HistoryBench.MIN_ENTRIES) {
            throw new IllegalArgumentException("--entries must be at least " + HistoryBench.MIN_ENTRIES
                    + " for history (its date filter spans a tenth of them, and must fill a page)");
        }
        int streams = values.positive("streams", 10);
        if (streams > StreamBench.MAX_STREAMS) {
            throw new IllegalArgumentException("--streams must be at most " + StreamBench.MAX_STREAMS
                    + " (a node serves that many open streams)");
        }
        int batch = values.positive("batch", 1);
        if (batch > MAX_BATCH) {
            throw new IllegalArgumentException("--batch must be at most " + MAX_BATCH);
        }
        var interval = values.text("interval", "month");
        if (!List.of("day", "week", "month", "year").contains(interval)) {
            throw new IllegalArgumentException("--interval must be day, week, month or year");
        }
        int subscriptions = values.positive("subscriptions", 1_000);
        if (subscriptions > RenewalsBench.MAX_SUBSCRIPTIONS) {
            throw new IllegalArgumentException("--subscriptions must be at most " + RenewalsBench.MAX_SUBSCRIPTIONS);
        }
        return new BenchOptions(scenario, values.text("url", "http://localhost:8080"),
                values.positive("clients", 64), rate(values),
                Duration.ofSeconds(values.positive("seconds", 30)),
                Duration.ofSeconds(values.nonNegative("warmup-seconds", 0)),
                values.positive("accounts", DEFAULT_ACCOUNTS), values.positive("hot-accounts", 10),
                values.number("hot-share", 0.2, 0, 1),
                values.text("admin-email", env.getOrDefault("COFFER_ADMIN_EMAIL", "")),
                values.text("admin-password", env.getOrDefault("COFFER_ADMIN_PASSWORD", "")),
                Path.of(values.text("out", "target/bench")), values.nonNegative("retries", 0),
                values.has("ack-log") ? Path.of(values.text("ack-log", "")) : null,
                values.has("accounts-out") ? Path.of(values.text("accounts-out", "")) : null,
                values.flag("watch-server"), history, streams, batch,
                new RenewalOptions(subscriptions, interval));
    }

    private static double rate(OptionValues values) {
        try {
            return values.number("rate", 0, 0, Double.MAX_VALUE);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--rate must be 0 (closed loop) or a positive number of requests/s");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
