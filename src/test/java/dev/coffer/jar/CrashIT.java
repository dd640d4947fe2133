package dev.coffer.jar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.support.WebhookReceiver;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Jepsen-style crash safety: thousands of concurrent transfers and checkout payments (one in ten sent twice with the
 * same key) while the server is killed with {@code kill -9} twice at random moments and restarted on the same data
 * directory; clients retry whatever got no answer. Afterwards every acknowledged transfer and payment exists exactly
 * once, every key stands for at most one movement, balances are exactly what the answers imply, every acknowledged
 * payment's webhook event has been delivered, and {@code verify} (ledger and audit chain) passes.
 */
class CrashIT {

    static final String PASSWORD = "a long and unusual passphrase";
    private static final String ADMIN = "crash-admin@example.com";
    private static final int TRANSFER_CLIENTS = 12;
    private static final int PAYMENT_CLIENTS = 4;
    private static final int TARGET_REQUESTS = 2_000;
    /** Each client waits this long between requests, so the traffic spans both kills rather than racing ahead. */
    static final long PACE_MILLIS = 40;
    /** After a request without an answer, a client waits this long before its next one. */
    static final long BACK_OFF_MILLIS = 250;

    /** What a money-moving request answered: 201 with the new id, or 422 with the refusal's code. */
    record Answer(int status, String value) {
    }

    @Test
    void noAcknowledgedTransferOrPaymentIsLostOrDoubledAcrossKills() throws Exception {
        long seed = Long.getLong("coffer.seed", System.nanoTime());
        var random = new Random(seed);
        var dataDir = Files.createTempDirectory(Path.of("target"), "it-crash-");
        var client = new JarClient();
        try (var receiver = new WebhookReceiver()) {
            var server = start(dataDir, "crash-0", client);
            var admin = client.login(ADMIN, PASSWORD);
            var transfers = new TransferWorkload(client);
            var payments = new PaymentWorkload(client, receiver);
            transfers.setUp(admin, "crash-" + seed);
            payments.setUp(admin, seed);

            var sent = new AtomicInteger();
            var running = new AtomicBoolean(true);
            var clients = new ArrayList<Thread>();
            for (int c = 0; c < TRANSFER_CLIENTS + PAYMENT_CLIENTS; c++) {
                var clientRandom = new Random(seed + c);
                boolean pays = c < PAYMENT_CLIENTS;
                clients.add(Thread.ofVirtual().start(() -> {
                    if (pays) {
                        payments.runClient(clientRandom, running::get, sent);
                    } else {
                        transfers.runClient(clientRandom, running::get, sent);
                    }
                }));
            }
            for (int kill = 1; kill <= 2; kill++) {
                Thread.sleep(1_500 + random.nextInt(2_500));
                server.process.destroyForcibly();
                server.process.waitFor();
                server = start(dataDir, "crash-" + kill, client);
            }
            // Keep going on the last process until enough has been sent.
            while (sent.get() < TARGET_REQUESTS) {
                Thread.sleep(200);
            }
            running.set(false);
            for (var thread : clients) {
                thread.join();
            }
            transfers.retryUnanswered(seed);
            payments.retryUnanswered(seed);
            System.out.printf("crash test: %d requests, %d transfer keys, %d payment keys, 2 kills, seed %d%n",
                    sent.get(), transfers.keys(), payments.keys(), seed);
            assertThat(sent.get()).isGreaterThanOrEqualTo(TARGET_REQUESTS);

            transfers.check(seed);
            payments.check(seed);
            server.close();
        }
        var verify = CofferProcess.run(dataDir, "verify");
        assertThat(verify.exitCode()).as(verify.output()).isZero();
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A check per item, sixteen at a time (thousands of keys are replayed); the first failure fails the test. */
    static <T> void checkEach(Collection<T> items, ThrowingConsumer<T> check) throws Exception {
        try (var pool = Executors.newFixedThreadPool(16)) {
            var futures = new ArrayList<Future<?>>();
            for (var item : items) {
                futures.add(pool.submit(() -> {
                    check.accept(item);
                    return null;
                }));
            }
            for (var future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof AssertionError failure) {
                        throw failure;
                    }
                    throw e;
                }
            }
        }
    }

    interface ThrowingConsumer<T> {
        void accept(T item) throws Exception;
    }

    static void record(Map<String, Answer> answers, String key, Answer answer) {
        var previous = answers.putIfAbsent(key, answer);
        assertThat(previous == null || previous.equals(answer)).as("key %s answered %s then %s", key, previous,
                answer).isTrue();
    }

    /** 201 and 422 are answers; anything else (503 while starting, 5xx) counts as no answer, to be retried. */
    static Answer answerOf(HttpResponse<String> response) {
        return switch (response.statusCode()) {
            case 201 -> new Answer(201, JarClient.JSON.readTree(response.body()).path("id").asString());
            case 422 -> new Answer(422, JarClient.JSON.readTree(response.body()).path("code").asString());
            default -> null;
        };
    }

    private static CofferProcess start(Path dataDir, String name, JarClient client) throws Exception {
        var process = CofferProcess.start(dataDir, name, "--coffer.admin.email=" + ADMIN,
                "--coffer.admin.password=" + PASSWORD, "--coffer.webhooks.allow-private-targets=true",
                "--coffer.webhooks.lease=PT5S", "--coffer.webhooks.retry-delays=PT0.5S,PT1S");
        process.awaitReady(Duration.ofSeconds(120));
        client.pointAt(process);
        return process;
    }
}
