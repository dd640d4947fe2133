package dev.coffer.jar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * What Coffer does while its primary fails over (docs/operations.md, "High availability"): a batch whose connection
 * is lost mid-transaction is answered 503 and leaves nothing behind, a resend with the same key then executes it
 * exactly once; a multi-host URL carries on with the next host when the first one dies; and a database that freezes
 * (a partition: no packet answered, no connection closed) gets every request an answer within its timeouts instead
 * of a hang.
 */
class DatabaseFailoverIT {

    private static final String ADMIN = "failover-admin@example.com";
    // Under the four-eyes threshold (1,000,000): one admin funds it.
    private static final long FUNDS = 999_000;
    /** Socket and connection timeouts given to the server under test: every answer must come well within this. */
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(10);
    private static final int TRANSFERS_CUT = 20;
    /**
     * The cut batch and the batch queued behind it (which cannot get a connection within the 2 s pool timeout) are
     * each answered as a whole: a few seconds. Retried one request at a time, the same 20 requests would wait for a
     * connection one after another, 2 s each.
     */
    private static final Duration CUT_BATCH_ANSWER_BOUND = Duration.ofSeconds(8);

    @Test
    void aBatchThatLosesItsConnectionMidTransactionIsAnswered503AndLeavesNothingBehind() throws Exception {
        var dataDir = Files.createTempDirectory(Path.of("target"), "it-midbatch-");
        try (var postgres = externalPostgres(dataDir, "pg");
                var proxy = new TcpProxy(postgres.getPort());
                var server = start(dataDir, "midbatch", "127.0.0.1:" + proxy.port())) {
            var client = new JarClient();
            client.pointAt(server);
            var customer = Customer.open(client, "midbatch");

            var keys = new ArrayList<String>();
            List<Future<HttpResponse<String>>> answers;
            try (var direct = postgres.getPostgresDatabase().getConnection();
                    var senders = Executors.newVirtualThreadPerTaskExecutor()) {
                // Hold the source account's row lock from outside Coffer: the batch claims its idempotency keys,
                // then waits for this lock in the middle of its transaction, where the connection is then cut.
                direct.setAutoCommit(false);
                direct.createStatement().execute("SELECT 1 FROM accounts WHERE id = '" + customer.from
                        + "' FOR UPDATE");
                // Enough requests that answering them one by one (a connection timeout each) would show.
                answers = new ArrayList<>();
                for (int i = 0; i < TRANSFERS_CUT; i++) {
                    var key = UUID.randomUUID().toString();
                    keys.add(key);
                    answers.add(senders.submit(() -> customer.transfer(client, key, 100)));
                }
                await().atMost(Duration.ofSeconds(20)).until(() -> batchWaitsForLock(postgres));
                assertThat(committedTransfers(postgres, customer)).as("nothing visible mid-batch").isZero();

                long cutAt = System.nanoTime();
                proxy.cut();
                for (var answer : answers) {
                    var response = answer.get();
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
                    assertThat(response.body()).contains("database_unavailable");
                    assertThat(response.headers().firstValue("Retry-After")).isPresent();
                    assertThat(response.headers().firstValue("Content-Type").orElse(""))
                            .startsWith("application/problem+json");
                }
                assertThat(Duration.ofNanos(System.nanoTime() - cutAt)).as("answered at once, not one by one")
                        .isLessThan(CUT_BATCH_ANSWER_BOUND);
                direct.rollback();
            }
            // The cut transaction is rolled back once its backend notices the client is gone.
            await().atMost(Duration.ofSeconds(20)).until(() -> !coffersTransactionOpen(postgres));
            assertThat(committedTransfers(postgres, customer)).as("nothing of the cut batch").isZero();
            assertThat(storedIdempotencyKeys(postgres, keys)).as("no answer stored for it either").isZero();

            proxy.restore();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> readiness(server) == 200);
            for (var key : keys) {
                var response = customer.transfer(client, key, 100);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
                var again = customer.transfer(client, key, 100);
                assertThat(again.statusCode()).isEqualTo(201);
                assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
            }
            assertThat(committedTransfers(postgres, customer)).as("each resend executed exactly once")
                    .isEqualTo(TRANSFERS_CUT);
            assertThat(customer.balance(client)).isEqualTo(FUNDS - TRANSFERS_CUT * 100);
        }
    }

    @Test
    void aMultiHostUrlCarriesOnWithTheSecondHostWhenTheFirstDies() throws Exception {
        var dataDir = Files.createTempDirectory(Path.of("target"), "it-multihost-");
        var first = externalPostgres(dataDir, "first");
        try (var second = externalPostgres(dataDir, "second")) {
            // Two independent servers stand in for a primary and the standby promoted after it: the second has
            // the schema (a promoted standby would have everything), so Coffer can work on it at once.
            // As the application runs them: Flyway's lock outside a transaction, or CREATE INDEX CONCURRENTLY
            // would wait forever for Flyway's own lock transaction.
            Flyway.configure().dataSource(second.getPostgresDatabase()).locations("classpath:db/migration")
                    .configuration(Map.of("flyway.postgresql.transactional.lock", "false")).load().migrate();
            try (var server = start(dataDir, "multihost", "127.0.0.1:" + first.getPort() + ",127.0.0.1:"
                    + second.getPort(), "targetServerType=primary")) {
                var client = new JarClient();
                client.pointAt(server);
                register(client, "before@example.com");
                assertThat(userExists(first, "before@example.com")).isTrue();

                first.close();
                var answers = new ArrayList<Integer>();
                long stoppedAt = System.nanoTime();
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    long sent = System.nanoTime();
                    var response = client.post("/api/v1/users", null, null, Map.of("email", "after@example.com",
                            "password", CrashIT.PASSWORD, "displayName", "After"));
                    assertThat(Duration.ofNanos(System.nanoTime() - sent)).as("no request hangs")
                            .isLessThan(ANSWER_BOUND);
                    answers.add(response.statusCode());
                    return response.statusCode() == 201;
                });
                assertThat(answers).as("503 while the first host's connections die, then 201: never another answer")
                        .allMatch(status -> status == 503 || status == 201);
                assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt)).isLessThan(Duration.ofSeconds(30));
                assertThat(userExists(second, "after@example.com")).as("written to the second host").isTrue();
                await().atMost(Duration.ofSeconds(20)).until(() -> readiness(server) == 200);
                assertThat(client.login("after@example.com", CrashIT.PASSWORD)).isNotBlank();
            }
        } finally {
            first.close();
        }
    }

    @Test
    void aFrozenDatabaseGetsEveryRequestAnAnswerWithinItsTimeoutsNotAHang() throws Exception {
        var dataDir = Files.createTempDirectory(Path.of("target"), "it-frozen-");
        try (var postgres = externalPostgres(dataDir, "pg");
                var proxy = new TcpProxy(postgres.getPort());
                var server = start(dataDir, "frozen", "127.0.0.1:" + proxy.port())) {
            var client = new JarClient();
            client.pointAt(server);
            var customer = Customer.open(client, "frozen");

            proxy.freeze();
            var key = UUID.randomUUID().toString();
            try (var senders = Executors.newVirtualThreadPerTaskExecutor()) {
                var transfer = senders.submit(() -> timed(() -> customer.transfer(client, key, 250)));
                var me = senders.submit(() -> timed(() -> client.get("/api/v1/me", customer.token)));
                var ready = senders.submit(() -> timed(() -> HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(server.uri("/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.ofString())));
                for (var answer : List.of(transfer.get(), me.get(), ready.get())) {
                    assertThat(answer.elapsed()).as(answer.response().uri().getPath()).isLessThan(ANSWER_BOUND);
                    assertThat(answer.response().statusCode()).as(answer.response().body()).isEqualTo(503);
                }
                assertThat(transfer.get().response().body()).contains("database_unavailable");
            }

            proxy.thaw();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> readiness(server) == 200);
            var resent = customer.transfer(client, key, 250);
            assertThat(resent.statusCode()).as(resent.body()).isEqualTo(201);
            assertThat(customer.balance(client)).as("executed once, whether or not the frozen commit had landed")
                    .isEqualTo(FUNDS - 250);
        }
    }

    /** A customer with a funded account and an empty one. */
    private record Customer(String token, String from, String to) {

        static Customer open(JarClient client, String prefix) throws Exception {
            var admin = client.login(ADMIN, CrashIT.PASSWORD);
            var email = prefix + "-" + System.nanoTime() + "@example.com";
            register(client, email);
            var token = client.login(email, CrashIT.PASSWORD);
            var from = client.required("/api/v1/accounts", token, null, Map.of("currency", "EUR", "name", "From"))
                    .path("id").asString();
            var to = client.required("/api/v1/accounts", token, null, Map.of("currency", "EUR", "name", "To"))
                    .path("id").asString();
            client.required("/api/v1/admin/accounts/" + from + "/deposits", admin, UUID.randomUUID().toString(),
                    Map.of("amount", FUNDS, "reference", "failover test"));
            return new Customer(token, from, to);
        }

        HttpResponse<String> transfer(JarClient client, String key, long amount) throws Exception {
            return client.post("/api/v1/transfers", token, key, Map.of("fromAccountId", from, "toAccountId", to,
                    "amount", amount, "currency", "EUR"));
        }

        long balance(JarClient client) throws Exception {
            return client.getJson("/api/v1/accounts/" + from, token).path("balance").path("ledger").asLong();
        }
    }

    private record Timed(HttpResponse<String> response, Duration elapsed) {
    }

    private interface Call {
        HttpResponse<String> send() throws Exception;
    }

    private static Timed timed(Call call) throws Exception {
        long start = System.nanoTime();
        var response = call.send();
        return new Timed(response, Duration.ofNanos(System.nanoTime() - start));
    }

    private static void register(JarClient client, String email) throws Exception {
        client.required("/api/v1/users", null, null, Map.of("email", email, "password", CrashIT.PASSWORD,
                "displayName", "F"));
    }

    private static EmbeddedPostgres externalPostgres(Path dataDir, String name) throws Exception {
        return EmbeddedPostgres.builder().setRegisterShutdownHook(false).setDataDirectory(dataDir.resolve(name))
                .setCleanDataDirectory(true).start();
    }

    /** Coffer on an external database at {@code hosts}, with short timeouts so the test sees them act. */
    private static CofferProcess start(Path dataDir, String name, String hosts, String... urlOptions)
            throws Exception {
        var url = "jdbc:postgresql://" + hosts + "/postgres?sslmode=disable"
                + (urlOptions.length == 0 ? "" : "&" + String.join("&", urlOptions));
        var server = CofferProcess.start(dataDir, name, "--coffer.db.url=" + url, "--coffer.db.user=postgres",
                "--coffer.admin.email=" + ADMIN, "--coffer.admin.password=" + CrashIT.PASSWORD,
                "--coffer.db.socket-timeout-seconds=2", "--coffer.db.connect-timeout-seconds=2",
                "--spring.datasource.hikari.connection-timeout=2000");
        server.awaitReady(Duration.ofSeconds(120));
        return server;
    }

    private static boolean batchWaitsForLock(EmbeddedPostgres postgres) throws Exception {
        return query(postgres, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'coffer'"
                + " AND wait_event_type = 'Lock'") > 0;
    }

    private static boolean coffersTransactionOpen(EmbeddedPostgres postgres) throws Exception {
        return query(postgres, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'coffer'"
                + " AND xact_start IS NOT NULL") > 0;
    }

    private static long committedTransfers(EmbeddedPostgres postgres, Customer customer) throws Exception {
        return query(postgres, "SELECT count(*) FROM transfers WHERE kind = 'transfer' AND from_account_id = '"
                + customer.from + "'");
    }

    private static long storedIdempotencyKeys(EmbeddedPostgres postgres, List<String> keys) throws Exception {
        return query(postgres, "SELECT count(*) FROM idempotency_keys WHERE key IN ('" + String.join("','", keys)
                + "')");
    }

    private static boolean userExists(EmbeddedPostgres postgres, String email) throws Exception {
        return query(postgres, "SELECT count(*) FROM users WHERE email = '" + email + "'") == 1;
    }

    private static long query(EmbeddedPostgres postgres, String sql) throws Exception {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                var result = connection.createStatement().executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static int readiness(CofferProcess server) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri("/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
