package dev.coffer.jar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM under load: sixteen clients keep sending transfers while the server is told to stop. Every request that
 * had reached the server before the signal gets its answer (the group-commit batch and the in-flight requests
 * finish; nothing is cut off), the process exits by itself, and after a restart every acknowledged transfer is there
 * exactly once and the books verify.
 */
class GracefulShutdownIT {

    private static final String ADMIN = "term-admin@example.com";
    private static final int CLIENTS = 16;
    /** A request started this long before the signal has reached the server (loopback, pooled connections). */
    private static final long REACHED_SERVER_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    record Sent(TransferWorkload.Intent intent, long startNanos, long endNanos, CrashIT.Answer answer) {
    }

    @Test
    void sigtermFinishesInFlightTransfersBeforeExiting() throws Exception {
        var dataDir = Files.createTempDirectory(Path.of("target"), "it-term-");
        var client = new JarClient();
        var server = start(dataDir, "term-0", client);
        var admin = client.login(ADMIN, CrashIT.PASSWORD);
        var workload = new TransferWorkload(client);
        workload.setUp(admin, "term-" + System.nanoTime());

        var sent = new ConcurrentLinkedQueue<Sent>();
        var inFlightSince = new java.util.concurrent.ConcurrentHashMap<Thread, Long>();
        var running = new AtomicBoolean(true);
        var threads = new ArrayList<Thread>();
        for (int c = 0; c < CLIENTS; c++) {
            var random = new Random(c);
            threads.add(Thread.ofVirtual().start(() -> {
                while (running.get()) {
                    var intent = workload.next(random);
                    if (intent == null) {
                        continue;
                    }
                    long start = System.nanoTime();
                    inFlightSince.put(Thread.currentThread(), start);
                    var answer = TransferWorkload.send(client, intent);
                    inFlightSince.remove(Thread.currentThread());
                    sent.add(new Sent(intent, start, System.nanoTime(), answer));
                    if (answer == null) {
                        return; // the server is going away
                    }
                }
            }));
        }
        Thread.sleep(5_000);
        // Clients answered together by one batch send again together: wait for a moment when some request has
        // surely reached the server and is still unanswered, so the signal lands on work in progress.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (inFlightSince.values().stream().noneMatch(start -> System.nanoTime() - start > 2 * REACHED_SERVER_NANOS)
                && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        long signalNanos = System.nanoTime();
        server.process.destroy(); // SIGTERM
        assertThat(server.process.waitFor(30, TimeUnit.SECONDS)).as("exits by itself after SIGTERM").isTrue();
        running.set(false);
        for (var thread : threads) {
            thread.join();
        }

        List<Sent> reachedServer = sent.stream().filter(s -> s.startNanos() < signalNanos - REACHED_SERVER_NANOS)
                .toList();
        long inFlightAtSignal = sent.stream()
                .filter(s -> s.startNanos() < signalNanos - REACHED_SERVER_NANOS && s.endNanos() > signalNanos)
                .count();
        System.out.printf("graceful shutdown: %d requests, %d in flight at SIGTERM, %d unanswered after it%n",
                sent.size(), inFlightAtSignal, sent.stream().filter(s -> s.answer() == null).count());
        assertThat(reachedServer).as("requests that reached the server before SIGTERM are answered")
                .allSatisfy(s -> assertThat(s.answer()).as(s.intent().key()).isNotNull());
        assertThat(reachedServer.size()).isGreaterThan(100);
        assertThat(inFlightAtSignal).as("the signal came while requests were in flight").isPositive();

        try (var _ = start(dataDir, "term-1", client)) { // the client talks to it
            for (var s : sent) {
                var again = TransferWorkload.send(client, s.intent());
                if (s.answer() != null) {
                    assertThat(again).as("replay of acknowledged %s", s.intent().key()).isEqualTo(s.answer());
                }
            }
        }
        var verify = CofferProcess.run(dataDir, "verify");
        assertThat(verify.exitCode()).as(verify.output()).isZero();
    }

    private static CofferProcess start(Path dataDir, String name, JarClient client) throws Exception {
        var process = CofferProcess.start(dataDir, name, "--coffer.admin.email=" + ADMIN,
                "--coffer.admin.password=" + CrashIT.PASSWORD);
        process.awaitReady(Duration.ofSeconds(120));
        client.pointAt(process);
        return process;
    }
}
