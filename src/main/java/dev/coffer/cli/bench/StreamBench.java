package dev.coffer.cli.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code bench stream --streams=N}: N users, each with one open {@code GET /api/v1/events/stream} and one funded
 * account, and a load of transfers between them ({@code --clients}, closed loop or {@code --rate}). Measures the
 * events delivered per second over all streams (each transfer fans out to a {@code balance.updated} for both
 * owners and a {@code transfer.received} for the receiver) and, per transfer, commit → screen: from its 201 to its
 * {@code transfer.received} on the receiver's stream, on one clock (see {@link Deliveries}).
 */
final class StreamBench {

    /** A node serves this many open streams ({@code coffer.notifications.max-streams-per-node}'s default). */
    static final int MAX_STREAMS = 2_000;
    private static final long BALANCE = 1_000_000_000L;
    private static final Duration CONNECT_WAIT = Duration.ofSeconds(60);
    /** After the load, how long events still on their way may take to arrive before they count as missing. */
    private static final Duration DRAIN_WAIT = Duration.ofSeconds(5);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private StreamBench() {
    }

    static int run(BenchClient client, BenchOptions options) throws Exception {
        int n = options.streams();
        var loop = options.rate() > 0 ? "open loop at " + options.rate() + " transfers/s" : "closed loop";
        System.err.printf("bench stream against %s: %d users with an open event stream each; transfers between "
                        + "them from %d clients, %s, for %ds (after %ds of warm-up)%n", options.url(), n,
                options.clients(), loop, options.duration().toSeconds(), options.warmup().toSeconds());
        var accounts = new ArrayList<FundedAccounts.Owned>();
        var deliveries = new Deliveries();
        var readers = new ArrayList<EventStreamReader>();
        BenchCommand.setUp(() -> {
            var admin = AdminLogin.token(client, options);
            accounts.addAll(StreamUsers.create(client, admin, n, BALANCE));
            readers.addAll(openStreams(client, accounts, deliveries));
        });
        long start = System.nanoTime() + options.warmup().toNanos();
        deliveries.measureBetween(start, start + options.duration().toNanos());
        Scenario transfers = (c, random) -> transfer(c, random, accounts, deliveries);
        var result = LoadRunner.run(transfers, client, options.clients(), options.rate(), options.warmup(),
                options.duration(), "stream");
        long drainUntil = System.nanoTime() + DRAIN_WAIT.toNanos();
        while (deliveries.unmatched() > 0 && System.nanoTime() < drainUntil) {
            Thread.sleep(50);
        }
        readers.forEach(EventStreamReader::close);
        int reopened = readers.stream().mapToInt(EventStreamReader::reopened).sum();
        return report(options, result, deliveries, reopened);
    }

    private static List<EventStreamReader> openStreams(BenchClient client, List<FundedAccounts.Owned> accounts,
            Deliveries deliveries) throws InterruptedException {
        var ready = new CountDownLatch(accounts.size());
        var readers = new ArrayList<EventStreamReader>();
        EventStreamReader.Sink sink = (type, data, arrivalNanos) ->
                deliveries.event(type, type.equals("transfer.received") ? transferId(data) : null, arrivalNanos);
        for (var account : accounts) {
            readers.add(EventStreamReader.open(client, account.token(), sink, ready));
        }
        long deadline = System.nanoTime() + CONNECT_WAIT.toNanos();
        while (!ready.await(1, TimeUnit.SECONDS)) {
            Progress.line("set-up: %d/%d event streams connected", accounts.size() - ready.getCount(),
                    accounts.size());
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + (accounts.size() - ready.getCount()) + " of "
                        + accounts.size() + " event streams connected within " + CONNECT_WAIT.toSeconds() + " s");
            }
        }
        Progress.line("set-up: %d/%d event streams connected", accounts.size(), accounts.size());
        Progress.end();
        for (var reader : readers) {
            if (reader.failure() != null) {
                readers.forEach(EventStreamReader::close);
                throw new IllegalStateException("an event stream did not open: " + reader.failure());
            }
        }
        return readers;
    }

    private static String transferId(String data) {
        return JSON.readTree(data).path("transferId").asString();
    }

    private static Scenario.Outcome transfer(BenchClient client, SplittableRandom random,
            List<FundedAccounts.Owned> accounts, Deliveries deliveries) {
        var from = accounts.get(random.nextInt(accounts.size()));
        FundedAccounts.Owned to;
        do {
            to = accounts.get(random.nextInt(accounts.size()));
        } while (to == from);
        long sentNanos = System.nanoTime();
        var answer = client.post("/api/v1/transfers", from.token(), UUID.randomUUID().toString(),
                Map.of("fromAccountId", from.id(), "toAccountId", to.id(), "amount", 1 + random.nextInt(100),
                        "currency", "EUR"));
        long ackNanos = System.nanoTime();
        if (answer.status() == 201) {
            deliveries.acknowledged(answer.json().path("id").asString(), sentNanos, ackNanos);
            return Scenario.Outcome.OK;
        }
        return answer.shed() ? Scenario.Outcome.SHED : Scenario.Outcome.ERROR;
    }

    private static int report(BenchOptions options, LoadRunner.Result result, Deliveries deliveries, int reopened)
            throws java.io.IOException {
        double seconds = result.seconds();
        var out = new LinkedHashMap<String, Object>();
        out.put("scenario", "stream");
        out.put("url", options.url());
        out.put("streams", options.streams());
        out.put("clients", options.clients());
        out.put("loop", options.rate() > 0 ? "open" : "closed");
        out.put("targetRatePerSecond", options.rate() > 0 ? options.rate() : null);
        out.put("seconds", Math.round(seconds * 10) / 10.0);
        out.put("warmupSeconds", options.warmup().toSeconds());
        out.put("transfersPerSecond", Math.round(result.throughput() * 10) / 10.0);
        out.put("transferLatencyMillis", BenchReport.millis(result.latency()));
        out.put("transferErrors", result.errors() + result.shed());
        out.put("eventsPerSecond", Math.round(deliveries.events() / seconds * 10) / 10.0);
        out.put("eventsByType", deliveries.eventsByType());
        out.put("acknowledgedTransfers", deliveries.acknowledged());
        out.put("matchedTransferReceived", deliveries.matched());
        out.put("missingTransferReceived", deliveries.unmatched());
        out.put("eventBeforeIts201", deliveries.beforeTheirAck());
        out.put("commitToScreenMillis", BenchReport.millis(deliveries.commitToScreen()));
        out.put("sendToScreenMillis", BenchReport.millis(deliveries.sendToScreen()));
        out.put("streamsReopened", reopened);
        out.put("finishedAt", java.time.Instant.now().toString());
        var file = BenchReport.writeJson(options, out);
        var c2s = deliveries.commitToScreen();
        System.out.printf("stream: %d streams, %.1f transfers/s, %.1f events/s delivered, commit→screen p50 %.1f ms, "
                        + "p99 %.1f ms (%d of %d matched, %d missing, %d before their 201), send→screen p99 %.1f ms, "
                        + "transfer errors %d, streams reopened %d (%s)%n", options.streams(), result.throughput(),
                deliveries.events() / seconds, c2s.getValueAtPercentile(50) / 1000.0,
                c2s.getValueAtPercentile(99) / 1000.0, deliveries.matched(), deliveries.acknowledged(),
                deliveries.unmatched(), deliveries.beforeTheirAck(),
                deliveries.sendToScreen().getValueAtPercentile(99) / 1000.0, result.errors() + result.shed(),
                reopened, file);
        boolean clean = result.errors() + result.shed() == 0 && deliveries.unmatched() == 0;
        return clean ? 0 : 1;
    }
}
