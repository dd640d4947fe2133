package dev.coffer.cli.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server's own view of a run, from {@code /actuator/prometheus}: heap in use, live platform threads (virtual
 * threads are not counted there), the ledger's queue depth and requests waiting for a pooled connection. Sampled
 * once a second from before the load until after it, so an overload that piles requests up in memory shows up as
 * the peak, not only in the averages.
 */
final class ServerGauges {

    /** The gauges this bench reports, by the Prometheus name (summed over labels, e.g. heap pools). */
    static final Map<String, String> WATCHED = Map.of(
            "heapUsedBytes", "jvm_memory_used_bytes{area=\"heap\"",
            "liveThreads", "jvm_threads_live_threads",
            "ledgerQueueDepth", "coffer_ledger_queue_depth",
            "connectionsPending", "hikaricp_connections_pending");

    private static final long SAMPLE_EVERY_MILLIS = 1_000;

    private final BenchClient client;
    private final Map<String, Double> before;
    private final Map<String, Double> peak = new LinkedHashMap<>();
    private volatile boolean watching = true;
    private final Thread sampler;

    private ServerGauges(BenchClient client) {
        this.client = client;
        this.before = sample(client);
        sampler = Thread.ofVirtual().name("server-gauges").start(this::loop);
    }

    /** Takes the first sample now and keeps sampling until {@link #stop()}. */
    static ServerGauges watch(BenchClient client) {
        return new ServerGauges(client);
    }

    /** Stops sampling and returns before / peak / after, each gauge by name (empty when the endpoint failed). */
    Map<String, Object> stop() throws InterruptedException {
        watching = false;
        sampler.interrupt();
        sampler.join();
        var after = sample(client);
        merge(after);
        var out = new LinkedHashMap<String, Object>();
        out.put("before", before);
        out.put("peak", peak);
        out.put("after", after);
        return out;
    }

    private void loop() {
        while (watching) {
            merge(sample(client));
            try {
                Thread.sleep(SAMPLE_EVERY_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void merge(Map<String, Double> sample) {
        sample.forEach((name, value) -> peak.merge(name, value, Math::max));
    }

    /** One reading of the watched gauges; empty when the server does not answer. */
    static Map<String, Double> sample(BenchClient client) {
        var answer = client.get("/actuator/prometheus");
        var values = new LinkedHashMap<String, Double>();
        if (answer.status() != 200) {
            return values;
        }
        for (var line : answer.body().split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            for (var gauge : WATCHED.entrySet()) {
                if (line.startsWith(gauge.getValue())) {
                    double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    values.merge(gauge.getKey(), value, Double::sum);
                }
            }
        }
        return values;
    }

    /** A short human line: heap in MB and threads, before → peak → after. */
    static String describe(Map<String, Object> watched) {
        @SuppressWarnings("unchecked")
        var before = (Map<String, Double>) watched.get("before");
        @SuppressWarnings("unchecked")
        var peak = (Map<String, Double>) watched.get("peak");
        @SuppressWarnings("unchecked")
        var after = (Map<String, Double>) watched.get("after");
        return String.format("server heap %s → peak %s → %s MB, live threads %s → peak %s → %s, ledger queue peak %s",
                mb(before), mb(peak), mb(after), count(before, "liveThreads"), count(peak, "liveThreads"),
                count(after, "liveThreads"), count(peak, "ledgerQueueDepth"));
    }

    private static String mb(Map<String, Double> sample) {
        var bytes = sample.get("heapUsedBytes");
        return bytes == null ? "?" : Long.toString(Math.round(bytes / 1_048_576));
    }

    private static String count(Map<String, Double> sample, String name) {
        var value = sample.get(name);
        return value == null ? "?" : Long.toString(Math.round(value));
    }
}
