package dev.coffer.jar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jepsen-style crash safety: thousands of concurrent transfers (10 % of them sent twice with the same key) while
 * the server is killed with {@code kill -9} twice at random moments and restarted on the same data directory;
 * clients retry whatever got no answer. Afterwards every acknowledged transfer exists exactly once, every key stands
 * for at most one transfer, balances are exactly what the answers imply, and {@code verify} passes.
 */
class CrashIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String ADMIN = "crash-admin@example.com";
    private static final String PASSWORD = "a long and unusual passphrase";
    private static final int CLIENTS = 16;
    private static final int TARGET_TRANSFERS = 2_000;
    private static final long FUNDS = 1_000_000;

    record Intent(String key, String token, String from, String to, long amount) {
    }

    record Answer(int status, String transferId) {
    }

    private volatile int port;

    @Test
    void noAcknowledgedTransferIsLostOrDoubledAcrossKills() throws Exception {
        long seed = Long.getLong("coffer.seed", System.nanoTime());
        var random = new Random(seed);
        var dataDir = Files.createTempDirectory(Path.of("target"), "it-crash-");
        var server = start(dataDir, "crash-0");
        var admin = login(ADMIN);
        var tokens = new ArrayList<String>();
        var accounts = new ArrayList<String[]>();
        for (int u = 0; u < 4; u++) {
            var email = "crash-" + u + "-" + seed + "@example.com";
            post("/api/v1/users", null, null, Map.of("email", email, "password", PASSWORD, "displayName", "C" + u));
            var token = login(email);
            tokens.add(token);
            for (int a = 0; a < 3; a++) {
                var id = JSON.readTree(post("/api/v1/accounts", token, null, Map.of("currency", "EUR", "name", "A"))
                        .body()).path("id").asString();
                post("/api/v1/admin/accounts/" + id + "/deposits", admin, UUID.randomUUID().toString(),
                        Map.of("amount", FUNDS, "reference", "crash test"));
                accounts.add(new String[] {id, token});
            }
        }
        var answers = new ConcurrentHashMap<String, Answer>();
        var intents = new ConcurrentHashMap<String, Intent>();
        var unanswered = new ConcurrentLinkedQueue<Intent>();
        var sent = new AtomicInteger();
        var running = new AtomicBoolean(true);
        var clients = new ArrayList<Thread>();
        for (int c = 0; c < CLIENTS; c++) {
            var clientRandom = new Random(seed + c);
            clients.add(Thread.ofVirtual().start(() -> {
                while (running.get() && sent.get() < TARGET_TRANSFERS * 2) {
                    var from = accounts.get(clientRandom.nextInt(accounts.size()));
                    var to = accounts.get(clientRandom.nextInt(accounts.size()));
                    if (from == to) {
                        continue;
                    }
                    var intent = new Intent(UUID.randomUUID().toString(), from[1], from[0], to[0],
                            1 + clientRandom.nextInt(20_000));
                    intents.put(intent.key(), intent);
                    for (int attempt = clientRandom.nextInt(10) == 0 ? 2 : 1; attempt > 0; attempt--) {
                        sent.incrementAndGet();
                        var answer = send(intent);
                        if (answer == null) {
                            unanswered.add(intent);
                            break;
                        }
                        record(answers, intent, answer);
                    }
                }
            }));
        }
        for (int kill = 1; kill <= 2; kill++) {
            Thread.sleep(1_500 + random.nextInt(2_500));
            server.process.destroyForcibly();
            server.process.waitFor();
            server = start(dataDir, "crash-" + kill);
        }
        Thread.sleep(1_000);
        running.set(false);
        for (var client : clients) {
            client.join();
        }
        for (var intent = unanswered.poll(); intent != null; intent = unanswered.poll()) {
            var answer = send(intent);
            assertThat(answer).as("retry of %s after restart (seed %d)", intent.key(), seed).isNotNull();
            record(answers, intent, answer);
        }
        System.out.println("crash test: " + sent.get() + " requests, " + answers.size() + " keys, 2 kills, seed " + seed);
        assertThat(answers.size()).isGreaterThanOrEqualTo(TARGET_TRANSFERS / 2);
        assertThat(sent.get()).isGreaterThanOrEqualTo(TARGET_TRANSFERS);

        // Every key, sent once more, answers what it answered before: no key ever stands for two transfers.
        for (var entry : answers.entrySet()) {
            var again = send(intents.get(entry.getKey()));
            assertThat(again).as("replay of %s (seed %d)", entry.getKey(), seed).isEqualTo(entry.getValue());
        }
        var expected = new HashMap<String, Long>();
        accounts.forEach(a -> expected.put(a[0], FUNDS));
        answers.forEach((key, answer) -> {
            if (answer.status() == 201) {
                var intent = intents.get(key);
                expected.merge(intent.from(), -intent.amount(), Long::sum);
                expected.merge(intent.to(), intent.amount(), Long::sum);
            }
        });
        for (var account : accounts) {
            var actual = JSON.readTree(get("/api/v1/accounts/" + account[0], account[1]).body())
                    .path("balance").path("ledger").asLong();
            assertThat(actual).as("balance of %s (seed %d)", account[0], seed).isEqualTo(expected.get(account[0]));
        }
        server.close();
        var verify = CofferProcess.run(dataDir, "verify");
        assertThat(verify.exitCode()).as(verify.output()).isZero();
    }

    private static void record(Map<String, Answer> answers, Intent intent, Answer answer) {
        var previous = answers.putIfAbsent(intent.key(), answer);
        assertThat(previous == null || previous.equals(answer)).as("key %s answered %s then %s", intent.key(),
                previous, answer).isTrue();
    }

    private CofferProcess start(Path dataDir, String name) throws Exception {
        var process = CofferProcess.start(dataDir, name, "--coffer.admin.email=" + ADMIN,
                "--coffer.admin.password=" + PASSWORD);
        process.awaitReady(Duration.ofSeconds(120));
        port = process.port;
        return process;
    }

    /** One transfer attempt; null when the server gave no answer (it was killed, or is starting). */
    private Answer send(Intent intent) {
        try {
            var response = post("/api/v1/transfers", intent.token(), intent.key(), Map.of("fromAccountId",
                    intent.from(), "toAccountId", intent.to(), "amount", intent.amount(), "currency", "EUR"));
            if (response.statusCode() == 201) {
                return new Answer(201, JSON.readTree(response.body()).path("id").asString());
            }
            if (response.statusCode() == 422) {
                return new Answer(422, JSON.readTree(response.body()).path("code").asString());
            }
            return null;
        } catch (IOException | InterruptedException e) {
            return null;
        }
    }

    private String login(String email) throws Exception {
        return JSON.readTree(post("/api/v1/sessions", null, null, Map.of("email", email, "password", PASSWORD))
                .body()).path("token").asString();
    }

    private HttpResponse<String> post(String path, String token, String key, Map<String, ?> body)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

}
