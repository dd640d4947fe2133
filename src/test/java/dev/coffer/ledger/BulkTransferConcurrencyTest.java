package dev.coffer.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.support.Api;
import dev.coffer.support.IntegrationTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Many bulk requests at once, with overdrafts, same-account items and resent requests: every posted item is in the
 * books exactly once, a resent request answers the same results, balances equal what the answers imply, nobody is
 * below zero, and the verifier finds nothing.
 */
class BulkTransferConcurrencyTest extends IntegrationTest {

    private static final int USERS = 6;
    private static final int ACCOUNTS_PER_USER = 2;
    private static final int THREADS = 8;
    private static final int REQUESTS_PER_THREAD = 12;
    private static final int ITEMS_PER_REQUEST = 40;
    private static final long INITIAL_BALANCE = 20_000;

    @Autowired
    LedgerVerifier verifier;

    record Item(String from, String to, long amount) {
    }

    record Posted(String transferId, Item item) {
    }

    @Test
    void concurrentBulkRequestsKeepTheBooksExact() throws Exception {
        long seed = Long.getLong("coffer.seed", System.nanoTime());
        var admin = newUser("admin");
        grantRoles(admin.id(), "customer", "admin");
        var owners = new HashMap<String, TestUser>();
        var accounts = new ArrayList<String>();
        for (int u = 0; u < USERS; u++) {
            var user = newUser("payer" + u);
            for (int a = 0; a < ACCOUNTS_PER_USER; a++) {
                var account = api.post("/api/v1/accounts").token(user.token())
                        .json(Map.of("currency", "EUR", "name", "Pot " + a)).send().json().path("id").asString();
                assertThat(api.post("/api/v1/admin/accounts/" + account + "/deposits").token(admin.token())
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .json(Map.of("amount", INITIAL_BALANCE, "reference", "seed")).send().status()).isEqualTo(201);
                owners.put(account, user);
                accounts.add(account);
            }
        }
        var posted = new ConcurrentHashMap<String, Posted>();
        var failures = new ConcurrentLinkedQueue<String>();
        var pool = Executors.newFixedThreadPool(THREADS);
        for (int t = 0; t < THREADS; t++) {
            var random = new Random(seed + t);
            pool.submit(() -> client(random, owners, accounts, posted, failures));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
        assertThat(failures).as("seed %d", seed).isEmpty();

        var expected = new HashMap<String, Long>();
        accounts.forEach(a -> expected.put(a, INITIAL_BALANCE));
        posted.values().forEach(p -> {
            expected.merge(p.item().from(), -p.item().amount(), Long::sum);
            expected.merge(p.item().to(), p.item().amount(), Long::sum);
        });
        var actual = new HashMap<String, Long>();
        jdbc.sql("SELECT id, ledger_balance FROM accounts WHERE id = ANY(:ids::text[])")
                .param("ids", accounts.toArray(String[]::new))
                .query(rs -> {
                    actual.put(rs.getString("id"), rs.getLong("ledger_balance"));
                });
        assertThat(actual).as("seed %d", seed).isEqualTo(expected);
        assertThat(actual.values()).allSatisfy(balance -> assertThat(balance).isNotNegative());
        long booked = jdbc.sql("SELECT count(*) FROM transfers WHERE id = ANY(:ids::text[])")
                .param("ids", posted.keySet().toArray(String[]::new)).query(Long.class).single();
        assertThat(booked).isEqualTo(posted.size()).isPositive();
        var report = verifier.verify();
        assertThat(report.problems()).as("verifier, seed %d", seed).isEmpty();
        assertThat(report.currencies()).allSatisfy(c -> assertThat(c.sum()).isZero());
    }

    private void client(Random random, Map<String, TestUser> owners, List<String> accounts,
            Map<String, Posted> posted, ConcurrentLinkedQueue<String> failures) {
        try {
            var client = new Api(port);
            for (int r = 0; r < REQUESTS_PER_THREAD; r++) {
                var from = accounts.get(random.nextInt(accounts.size()));
                var payer = owners.get(from);
                // Every item of a request is sent by one user, from either of that user's accounts.
                var mine = accounts.stream().filter(a -> owners.get(a) == payer).toList();
                var items = new ArrayList<Item>();
                for (int i = 0; i < ITEMS_PER_REQUEST; i++) {
                    var source = mine.get(random.nextInt(mine.size()));
                    var target = random.nextInt(30) == 0 ? source : accounts.get(random.nextInt(accounts.size()));
                    // Under the step-up threshold (25,000): this test is about the books, not about SCA.
                    long amount = random.nextInt(15) == 0 ? 10_000 + random.nextInt(14_000) : 1 + random.nextInt(900);
                    items.add(new Item(source, target, amount));
                }
                var key = UUID.randomUUID().toString();
                var first = send(client, payer.token(), key, items);
                if (first.status() != 200) {
                    failures.add(first.toString());
                    continue;
                }
                record(first, items, posted, failures);
                if (random.nextInt(4) == 0) {
                    var again = send(client, payer.token(), key, items);
                    if (!again.body().equals(first.body()) || !"true".equals(again.header("Idempotent-Replayed"))) {
                        failures.add("replay differs: " + again);
                    }
                }
            }
        } catch (RuntimeException | AssertionError e) {
            failures.add(e.toString());
        }
    }

    private static void record(Api.Response response, List<Item> items, Map<String, Posted> posted,
            ConcurrentLinkedQueue<String> failures) {
        var results = response.json().path("results");
        for (int i = 0; i < items.size(); i++) {
            var result = results.get(i);
            int status = result.path("status").asInt();
            if (status == 201) {
                var id = result.path("transfer").path("id").asString();
                if (posted.put(id, new Posted(id, items.get(i))) != null) {
                    failures.add("transfer answered twice: " + id);
                }
            } else {
                var code = result.path("problem").path("code").asString();
                if (!code.equals("insufficient_funds") && !code.equals("same_account")) {
                    failures.add("item " + i + ": " + result);
                }
            }
        }
    }

    private static Api.Response send(Api client, String token, String key, List<Item> items) {
        var body = items.stream().map(i -> Map.<String, Object>of("fromAccountId", i.from(), "toAccountId", i.to(),
                "amount", i.amount(), "currency", "EUR")).toList();
        return client.post("/api/v1/transfers/batch").token(token).header("Idempotency-Key", key)
                .json(Map.of("transfers", body)).send();
    }
}
