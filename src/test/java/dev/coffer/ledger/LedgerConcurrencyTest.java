package dev.coffer.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.support.Api;
import dev.coffer.support.IntegrationTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Many clients moving money at once over HTTP, with retries and overdrafts: afterwards every acknowledged transfer
 * is in the books exactly once, each idempotency key produced at most one transfer, every balance equals its
 * entries and what the acknowledged answers imply, nobody is below zero, and the currency sums to zero.
 */
class LedgerConcurrencyTest extends IntegrationTest {

    private static final int USERS = 8;
    private static final int ACCOUNTS_PER_USER = 3;
    private static final int THREADS = 16;
    private static final int TRANSFERS_PER_THREAD = 320;
    private static final long INITIAL_BALANCE = 20_000;

    @Autowired
    LedgerVerifier verifier;

    record Holder(TestUser user, List<String> accounts) {
    }

    record Sent(String key, String from, String to, long amount, int status, String transferId, boolean replayed) {
    }

    @Test
    void concurrentTransfersWithRetriesKeepTheBooksExact() throws Exception {
        long seed = Long.getLong("coffer.seed", System.nanoTime());
        var holders = setUpHolders();
        var allAccounts = holders.stream().flatMap(h -> h.accounts().stream()).toList();
        var sent = new ConcurrentLinkedQueue<Sent>();
        var pool = Executors.newFixedThreadPool(THREADS);
        for (int t = 0; t < THREADS; t++) {
            var random = new Random(seed + t);
            pool.submit(() -> client(random, holders, allAccounts, sent));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).isTrue();

        assertThat(sent).as("seed %d", seed).hasSizeGreaterThanOrEqualTo(THREADS * TRANSFERS_PER_THREAD);
        var acknowledged = checkAnswers(sent, seed);
        checkBalances(allAccounts, acknowledged, seed);
        var report = verifier.verify();
        assertThat(report.problems()).as("verifier, seed %d", seed).isEmpty();
        assertThat(report.currencies()).allSatisfy(c -> assertThat(c.sum()).isZero());
    }

    @Test
    void theSameRequestSentManyTimesAtOnceMovesMoneyOnce() throws Exception {
        var holders = setUpHolders().subList(0, 2);
        var from = holders.get(0).accounts().getFirst();
        var to = holders.get(1).accounts().getFirst();
        var key = UUID.randomUUID().toString();
        var sent = new ConcurrentLinkedQueue<Sent>();
        var pool = Executors.newFixedThreadPool(THREADS);
        for (int t = 0; t < THREADS; t++) {
            pool.submit(() -> sent.add(send(new Api(port), holders.get(0).user().token(), key, from, to, 1_234)));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();

        assertThat(sent).allSatisfy(s -> assertThat(s.status()).isIn(201, 409));
        assertThat(sent).filteredOn(s -> s.status() == 201 && !s.replayed()).hasSize(1);
        assertThat(sent).filteredOn(s -> s.status() == 201).extracting(Sent::transferId).containsOnly(
                sent.stream().filter(s -> s.status() == 201).findFirst().orElseThrow().transferId());
        var balance = jdbc.sql("SELECT ledger_balance FROM accounts WHERE id = :id").param("id", to)
                .query(Long.class).single();
        assertThat(balance).isEqualTo(INITIAL_BALANCE + 1_234);
    }

    private void client(Random random, List<Holder> holders, List<String> allAccounts, ConcurrentLinkedQueue<Sent> sent) {
        var client = new Api(port);
        for (int i = 0; i < TRANSFERS_PER_THREAD; i++) {
            var holder = holders.get(random.nextInt(holders.size()));
            var from = holder.accounts().get(random.nextInt(ACCOUNTS_PER_USER));
            var to = random.nextInt(50) == 0 ? from : allAccounts.get(random.nextInt(allAccounts.size()));
            // Overdrafts, yet below the step-up threshold (25,000): this test is about the books, not step-up.
            long amount = random.nextInt(10) == 0 ? 15_000 + random.nextInt(9_999) : 1 + random.nextInt(1_200);
            var key = UUID.randomUUID().toString();
            sent.add(send(client, holder.user().token(), key, from, to, amount));
            if (random.nextInt(10) == 0) {
                sent.add(send(client, holder.user().token(), key, from, to, amount));
            }
        }
    }

    private static Sent send(Api client, String token, String key, String from, String to, long amount) {
        var response = client.post("/api/v1/transfers").token(token).header("Idempotency-Key", key)
                .json(Map.of("fromAccountId", from, "toAccountId", to, "amount", amount, "currency", "EUR")).send();
        var id = response.status() == 201 ? response.json().path("id").asString() : response.code();
        return new Sent(key, from, to, amount, response.status(), id, "true".equals(response.header("Idempotent-Replayed")));
    }

    /** Every answer is one we expect, and each key maps to at most one transfer. Returns the acknowledged ones. */
    private static Map<String, Sent> checkAnswers(ConcurrentLinkedQueue<Sent> sent, long seed) {
        var transfersByKey = new HashMap<String, Set<String>>();
        var acknowledged = new HashMap<String, Sent>();
        for (var s : sent) {
            assertThat(s.status()).as("seed %d: %s", seed, s).isIn(201, 422);
            if (s.status() == 422) {
                assertThat(s.transferId()).as("seed %d", seed).isIn("insufficient_funds", "same_account");
                continue;
            }
            transfersByKey.computeIfAbsent(s.key(), k -> new HashSet<>()).add(s.transferId());
            if (!s.replayed()) {
                assertThat(acknowledged.put(s.transferId(), s)).as("transfer acknowledged twice: %s", s).isNull();
            }
        }
        transfersByKey.forEach((key, ids) -> assertThat(ids).as("key %s, seed %d", key, seed).hasSize(1));
        return acknowledged;
    }

    private void checkBalances(List<String> accounts, Map<String, Sent> acknowledged, long seed) {
        var expected = new HashMap<String, Long>();
        accounts.forEach(a -> expected.put(a, INITIAL_BALANCE));
        for (var s : acknowledged.values()) {
            expected.merge(s.from(), -s.amount(), Long::sum);
            expected.merge(s.to(), s.amount(), Long::sum);
        }
        var actual = new ConcurrentHashMap<String, Long>();
        jdbc.sql("SELECT id, ledger_balance FROM accounts WHERE id = ANY(:ids::text[])")
                .param("ids", accounts.toArray(String[]::new))
                .query(rs -> {
                    actual.put(rs.getString("id"), rs.getLong("ledger_balance"));
                });
        assertThat(actual).as("balances implied by the acknowledged transfers, seed %d", seed).isEqualTo(expected);
        assertThat(actual.values()).allSatisfy(balance -> assertThat(balance).isNotNegative());
        long booked = jdbc.sql("SELECT count(*) FROM transfers WHERE id = ANY(:ids::text[])")
                .param("ids", acknowledged.keySet().toArray(String[]::new)).query(Long.class).single();
        assertThat(booked).isEqualTo(acknowledged.size());
    }

    private List<Holder> setUpHolders() {
        var admin = newUser("admin");
        grantRoles(admin.id(), "customer", "admin");
        var holders = new ArrayList<Holder>();
        for (int u = 0; u < USERS; u++) {
            var user = newUser("client" + u);
            var accounts = new ArrayList<String>();
            for (int a = 0; a < ACCOUNTS_PER_USER; a++) {
                var account = api.post("/api/v1/accounts").token(user.token())
                        .json(Map.of("currency", "EUR", "name", "Pocket " + a)).send().json().path("id").asString();
                var deposit = api.post("/api/v1/admin/accounts/" + account + "/deposits").token(admin.token())
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .json(Map.of("amount", INITIAL_BALANCE, "reference", "seed")).send();
                assertThat(deposit.status()).as(deposit.toString()).isEqualTo(201);
                accounts.add(account);
            }
            holders.add(new Holder(user, accounts));
        }
        return holders;
    }
}
