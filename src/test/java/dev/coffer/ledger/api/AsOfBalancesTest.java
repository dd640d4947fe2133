package dev.coffer.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.platform.Db;
import dev.coffer.support.IntegrationTest;
import dev.coffer.support.Shop;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/accounts/{id}?asOf=}: at random instants (and exactly at, and just before, every entry and every
 * hold's start and expiry) the balances equal a replay of the account's raw rows up to that instant, for a history
 * of deposits, transfers and holds (captured, voided and expired) spread over days by the movable clock. Seeded:
 * {@code -Dcoffer.seed=} replays a failure.
 */
class AsOfBalancesTest extends IntegrationTest {

    private record Hold(long amount, Instant createdAt, Instant expiresAt, Instant endedAt) {
        boolean liveAt(Instant t) {
            var end = endedAt == null || expiresAt.isBefore(endedAt) ? expiresAt : endedAt;
            return !createdAt.isAfter(t) && t.isBefore(end);
        }
    }

    private record Entry(long amount, Instant createdAt) {
    }

    @Test
    void balancesAtAnyInstantEqualAReplayOfTheRows() {
        long seed = Long.getLong("coffer.seed", System.nanoTime());
        var random = new Random(seed);
        var shop = newShop();
        var payer = newUser("payer");
        var account = shop.fundedAccount(payer, "EUR", 50_000);
        var other = shop.fundedAccount(newUser("payee"), "EUR", 0);
        var payments = new ArrayList<String>();
        var admin = shop.admin;
        for (int step = 0; step < 30; step++) {
            clock.advance(Duration.ofMinutes(1 + random.nextInt(240)));
            if (random.nextInt(12) == 0) {
                clock.advance(Duration.ofDays(8)); // every pending hold expires, whether or not the job ran yet
            }
            // Access tokens live 15 minutes of the moved clock: refresh them as a client would.
            payer = refreshed(payer);
            admin = refreshed(admin);
            switch (random.nextInt(6)) {
                case 0 -> deposit(admin, account, 1 + random.nextInt(5_000));
                case 1 -> transfer(payer, account, other, 1 + random.nextInt(800));
                case 2, 3 -> payments.add(shop.paid(payer.token(), shop.session(1 + random.nextInt(900), "manual"),
                        account));
                case 4 -> settle(shop, payments, random, true);
                default -> settle(shop, payments, random, false);
            }
        }
        var entries = jdbc.sql("SELECT amount, created_at FROM entries WHERE account_id = ?").param(account)
                .query((rs, n) -> new Entry(rs.getLong("amount"), Db.instant(rs, "created_at"))).list();
        var holds = jdbc.sql("SELECT amount, created_at, expires_at, ended_at FROM holds WHERE account_id = ?")
                .param(account).query((rs, n) -> new Hold(rs.getLong("amount"), Db.instant(rs, "created_at"),
                        Db.instant(rs, "expires_at"), Db.instant(rs, "ended_at"))).list();
        var now = clock.instant();
        var probes = probes(random, entries, holds).stream().filter(t -> !t.isAfter(now)).toList();
        for (var at : probes) {
            long ledger = entries.stream().filter(e -> !e.createdAt().isAfter(at)).mapToLong(Entry::amount).sum();
            long pending = holds.stream().filter(h -> h.liveAt(at)).mapToLong(Hold::amount).sum();
            var response = api.get("/api/v1/accounts/" + account + "?asOf=" + at).token(payer.token()).send();
            assertThat(response.status()).as("seed %d at %s: %s", seed, at, response).isEqualTo(200);
            var balance = response.json().path("balance");
            assertThat(List.of(balance.path("ledger").asLong(), balance.path("pending").asLong(),
                    balance.path("available").asLong()))
                    .as("seed %d (replay with -Dcoffer.seed=%d) at %s", seed, seed, at)
                    .containsExactly(ledger, pending, ledger - pending);
        }
        assertThat(holds).as("seed %d: the history has holds", seed).isNotEmpty();
    }

    @Test
    void badOrForeignRequestsAreRefused() {
        var shop = newShop();
        var owner = newUser("owner");
        var account = shop.fundedAccount(owner, "EUR", 1_000);
        var path = "/api/v1/accounts/" + account + "?asOf=";
        for (var bad : List.of("", "yesterday", "2026-11-24", "2026-11-24T10:00:00", "2026-13-01T00:00:00Z")) {
            var response = api.get(path + bad).token(owner.token()).send();
            assertThat(response.status()).as(bad).isEqualTo(400);
            assertThat(response.code()).as(bad).isEqualTo("invalid_parameter");
        }
        var future = clock.instant().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        assertThat(api.get(path + future).token(owner.token()).send().code()).isEqualTo("invalid_parameter");
        var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        assertThat(api.get(path + now).token(newUser("eve").token()).send().status()).isEqualTo(404);
        var before = api.get(path + "2001-01-01T00:00:00Z").token(owner.token()).send();
        assertThat(before.json().path("balance").path("ledger").asLong()).isZero();
        var current = api.get(path + now.plusSeconds(0)).token(owner.token()).send().json();
        assertThat(current.path("balance").path("ledger").asLong()).isEqualTo(1_000);
        assertThat(current.path("id").asString()).as("the same account shape as without asOf").isEqualTo(account);
    }

    private static List<Instant> probes(Random random, List<Entry> entries, List<Hold> holds) {
        var probes = new ArrayList<Instant>();
        for (var entry : entries) {
            probes.add(entry.createdAt());
            probes.add(entry.createdAt().minus(1, ChronoUnit.MICROS));
        }
        for (var hold : holds) {
            probes.add(hold.createdAt());
            probes.add(hold.expiresAt());
            probes.add(hold.expiresAt().minus(1, ChronoUnit.MICROS));
            if (hold.endedAt() != null) {
                probes.add(hold.endedAt());
            }
        }
        var first = entries.stream().map(Entry::createdAt).min(Instant::compareTo).orElseThrow();
        long spanMicros = ChronoUnit.MICROS.between(first, probes.stream().max(Instant::compareTo).orElseThrow());
        for (int i = 0; i < 20; i++) {
            probes.add(first.plus((long) (random.nextDouble() * spanMicros), ChronoUnit.MICROS));
        }
        return probes;
    }

    private TestUser refreshed(TestUser user) {
        var pair = api.post("/api/v1/sessions/refresh").json(Map.of("refreshToken", user.refreshToken())).send();
        assertThat(pair.status()).as(pair.toString()).isEqualTo(201);
        return new TestUser(user.id(), user.email(), user.password(), pair.json().path("token").asString(),
                pair.json().path("refreshToken").asString());
    }

    private void deposit(TestUser admin, String account, long amount) {
        var response = api.post("/api/v1/admin/accounts/" + account + "/deposits").token(admin.token())
                .header("Idempotency-Key", UUID.randomUUID().toString()).json(Map.of("amount", amount)).send();
        assertThat(response.status()).isEqualTo(201);
    }

    private void transfer(TestUser payer, String from, String to, long amount) {
        api.post("/api/v1/transfers").token(payer.token()).header("Idempotency-Key", UUID.randomUUID().toString())
                .json(Map.of("fromAccountId", from, "toAccountId", to, "amount", amount, "currency", "EUR")).send();
    }

    /** Captures (part of) or cancels a random payment; refusals (already settled, expired) are part of life. */
    private void settle(Shop shop, List<String> payments, Random random, boolean capture) {
        if (payments.isEmpty()) {
            return;
        }
        var payment = payments.remove(random.nextInt(payments.size()));
        var call = api.post("/api/v1/payments/" + payment + (capture ? "/capture" : "/cancel")).token(shop.apiKey);
        (capture && random.nextBoolean() ? call.json(Map.of("amount", 1)) : call).send();
    }
}
