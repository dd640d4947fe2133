package dev.coffer.cli.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code java -jar coffer.jar bench <scenario> [--name=value …]}: what to run against which server.
 *
 * @param scenario    transfers, logins, reads or baseline
 * @param url         the Coffer to load (it must be running)
 * @param clients     concurrent clients, so at most this many requests in flight
 * @param rate        open loop: requests per second in total, due on a fixed schedule spread over the clients; 0 for
 *                    closed loop (each client sends its next request when the last one answered)
 * @param duration    how long to measure, after set-up
 * @param warmup      how long to send load before measuring (both JVMs compile their hot code meanwhile); its
 *                    requests are not counted
 * @param accounts    accounts to create for the transfers scenario; 2,000 by default. The contention it is about
 *                    comes from the hot accounts (a fixed share of all transfers touches one), however many
 *                    ordinary accounts there are, and 2,000 or 10,000 rows both sit in the database's memory;
 *                    but each account costs two requests to set up (and every 20 a sign-up and a login), so
 *                    five times fewer start the measurement minutes sooner
 * @param hotAccounts how many of them are "hot"
 * @param hotShare    the share of transfers that touch a hot account
 * @param retries     how often a transfer without an answer (connection lost, 502/503/504) is sent again with the
 *                    same idempotency key, as a careful client would; 0 counts the first failure as an error
 * @param ackLog      where to write the id of every acknowledged (201) transfer, one per line; null for nowhere
 */
record BenchOptions(String scenario, String url, int clients, double rate, Duration duration, Duration warmup,
        int accounts, int hotAccounts, double hotShare, String adminEmail, String adminPassword, Path out,
        int retries, Path ackLog) {

    static final int DEFAULT_ACCOUNTS = 2_000;

    static final String USAGE = """
            usage: java -jar coffer.jar bench <transfers|logins|reads|baseline> [options]
              --url=http://localhost:8080   the running Coffer to measure
              --clients=64                  concurrent clients
              --rate=0                      open loop: requests per second in total, on a fixed schedule (latency
                                            counts from when a request was due); 0 = closed loop, each client
                                            sends its next request when the last one answered
              --seconds=30                  measuring time after set-up
              --warmup-seconds=0            load sent before measuring, not counted (JIT warm-up)
              --accounts=2000               accounts for the transfers scenario (set up through the API)
              --hot-accounts=10 --hot-share=0.2   hot accounts and the share of transfers touching one
              --admin-email=… --admin-password=…  an admin to fund accounts (default: COFFER_ADMIN_EMAIL/PASSWORD)
              --out=target/bench            where the JSON result and the SVG plot go
              --retries=0                   transfers: resend an unanswered transfer (connection lost, 502/503/504)
                                            up to this many times with the same idempotency key
              --ack-log=FILE                transfers: write the id of every acknowledged transfer to FILE
            """;

    static BenchOptions parse(String[] args) {
        if (args.length == 0 || args[0].startsWith("-")) {
            throw new IllegalArgumentException("name a scenario");
        }
        var values = new HashMap<String, String>();
        for (int i = 1; i < args.length; i++) {
            var arg = args[i];
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("bad option " + arg);
            }
            values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        var scenario = args[0];
        if (!java.util.List.of("transfers", "logins", "reads", "baseline").contains(scenario)) {
            throw new IllegalArgumentException("unknown scenario " + scenario);
        }
        return new BenchOptions(scenario, get(values, "url", "http://localhost:8080"),
                positive(values, "clients", 64), rate(values),
                Duration.ofSeconds(positive(values, "seconds", 30)),
                Duration.ofSeconds(nonNegative(values, "warmup-seconds", 0)),
                positive(values, "accounts", DEFAULT_ACCOUNTS), positive(values, "hot-accounts", 10),
                Double.parseDouble(get(values, "hot-share", "0.2")),
                get(values, "admin-email", System.getenv().getOrDefault("COFFER_ADMIN_EMAIL", "")),
                get(values, "admin-password", System.getenv().getOrDefault("COFFER_ADMIN_PASSWORD", "")),
                Path.of(get(values, "out", "target/bench")), nonNegative(values, "retries", 0),
                values.containsKey("ack-log") ? Path.of(values.get("ack-log")) : null);
    }

    private static double rate(Map<String, String> values) {
        double rate = Double.parseDouble(get(values, "rate", "0"));
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("--rate must be 0 (closed loop) or a positive number of requests/s");
        }
        return rate;
    }

    private static String get(Map<String, String> values, String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    private static int nonNegative(Map<String, String> values, String name, int fallback) {
        int value = Integer.parseInt(get(values, name, Integer.toString(fallback)));
        if (value < 0) {
            throw new IllegalArgumentException("--" + name + " must not be negative");
        }
        return value;
    }

    private static int positive(Map<String, String> values, String name, int fallback) {
        int value = Integer.parseInt(get(values, name, Integer.toString(fallback)));
        if (value < 1) {
            throw new IllegalArgumentException("--" + name + " must be positive");
        }
        return value;
    }
}
