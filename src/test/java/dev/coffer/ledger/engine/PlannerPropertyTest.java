package dev.coffer.ledger.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.ledger.AccountKind;
import dev.coffer.ledger.AccountStatus;
import dev.coffer.ledger.HoldStatus;
import dev.coffer.ledger.TransferKind;
import dev.coffer.platform.CurrencyCode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Property-based tests of the planner with seeded random generators: thousands of random batches of transfers and
 * hold operations (valid and invalid), on ledgers with holds live and expired, checked against the ledger's
 * invariants after every operation. On failure
 * the seed and the smallest failing sequence (shrunk by removing operations) are reported.
 * Run with {@code -Dcoffer.seed=<seed>} to replay a failure.
 */
class PlannerPropertyTest {

    private static final int CASES = 2_000;
    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final CurrencyCode EUR = CurrencyCode.of("EUR");
    private static final CurrencyCode JPY = CurrencyCode.of("JPY");

    @Test
    void everyRandomBatchKeepsTheBooksBalanced() {
        long seed = Long.getLong("coffer.seed", System.nanoTime());
        var random = new Random(seed);
        for (int c = 0; c < CASES; c++) {
            var world = World.random(random);
            var operations = randomOperations(random, world, 1 + random.nextInt(40));
            var failure = violation(world, operations);
            if (failure != null) {
                var smallest = shrink(world, operations, ops -> violation(world, ops) != null);
                throw new AssertionError("seed " + seed + ", case " + c + ": " + violation(world, smallest)
                        + "\nsmallest failing sequence (" + smallest.size() + " of " + operations.size() + "):\n  "
                        + String.join("\n  ", smallest.stream().map(Object::toString).toList())
                        + "\naccounts: " + world.describe());
            }
        }
    }

    @Test
    void batchingIsInvisible() {
        long seed = Long.getLong("coffer.seed", System.nanoTime());
        var random = new Random(seed);
        for (int c = 0; c < CASES / 4; c++) {
            var world = World.random(random);
            var operations = randomOperations(random, world, 1 + random.nextInt(40));
            var oneBatch = Planner.plan(operations, world.accounts(), world.holds(), NOW).outcomes;
            var oneByOne = new ArrayList<Outcome>();
            var accounts = world.accounts();
            var holds = world.holds();
            for (var operation : operations) {
                oneByOne.add(Planner.plan(List.of(operation), accounts, holds, NOW).outcomes.getFirst());
            }
            assertThat(oneBatch).as("seed %d case %d", seed, c).isEqualTo(oneByOne);
        }
    }

    /** Checks the invariants after each operation; returns what broke, or null. */
    static String violation(World world, List<Operation> operations) {
        var accounts = world.accounts();
        var holds = world.holds();
        var totals = totals(accounts);
        for (var operation : operations) {
            var before = snapshot(accounts);
            var holdsBefore = new HashMap<>(holds);
            Plan plan;
            try {
                plan = Planner.plan(List.of(operation), accounts, holds, NOW);
            } catch (RuntimeException e) {
                return operation + " threw " + e;
            }
            var outcome = plan.outcomes.getFirst();
            var expiry = checkExpiry(operation, outcome, holdsBefore, holds);
            if (expiry != null) {
                return expiry;
            }
            if (outcome instanceof Outcome.Refused) {
                if (!snapshot(accounts).equals(before) || !holds.equals(holdsBefore) || !plan.entries.isEmpty()
                        || !plan.transfers.isEmpty()) {
                    return "refused " + operation + " still changed something";
                }
                continue;
            }
            var problem = checkEntries(plan, before, accounts);
            if (problem == null) {
                problem = checkBalances(accounts, holds, totals);
            }
            if (problem != null) {
                return "after " + operation + ": " + problem;
            }
        }
        return null;
    }

    /** A hold past its expiry is never captured (409 hold_expired), and a release of one ends it as expired. */
    private static String checkExpiry(Operation operation, Outcome outcome, Map<String, HoldRow> before,
            Map<String, HoldRow> after) {
        var holdId = operation.existingHoldId().orElse(null);
        var hold = holdId == null ? null : before.get(holdId);
        if (hold == null || hold.status() != HoldStatus.PENDING || !hold.isExpiredAt(NOW)) {
            return null;
        }
        return switch (operation) {
            case Operation.CaptureHold c when !(outcome instanceof Outcome.Refused r
                    && r.refusal() == dev.coffer.ledger.Refusal.HOLD_EXPIRED) ->
                    "capture of a hold expired at " + hold.expiresAt() + ": " + outcome;
            case Operation.ReleaseHold r when after.get(holdId).status() != HoldStatus.EXPIRED ->
                    "release of a hold expired at " + hold.expiresAt() + " ended it " + after.get(holdId).status();
            default -> null;
        };
    }

    private static String checkEntries(Plan plan, Map<String, long[]> before, Map<String, AccountState> accounts) {
        var byTransfer = new HashMap<String, Long>();
        var nextNo = new HashMap<String, Long>();
        var running = new HashMap<String, Long>();
        before.forEach((id, state) -> {
            nextNo.put(id, state[2] + 1);
            running.put(id, state[0]);
        });
        for (var entry : plan.entries) {
            byTransfer.merge(entry.transferId(), entry.amount(), Long::sum);
            if (entry.entryNo() != nextNo.get(entry.accountId())) {
                return "entry number " + entry.entryNo() + " on " + entry.accountId() + " breaks the sequence";
            }
            nextNo.merge(entry.accountId(), 1L, Long::sum);
            long expected = running.get(entry.accountId()) + entry.amount();
            if (entry.balanceAfter() != expected) {
                return "balance_after " + entry.balanceAfter() + " on " + entry.accountId() + ", expected " + expected;
            }
            running.put(entry.accountId(), expected);
        }
        for (var t : plan.transfers) {
            if (byTransfer.getOrDefault(t.id(), 1L) != 0) {
                return "transfer " + t.id() + " entries do not sum to zero";
            }
        }
        for (var account : accounts.values()) {
            if (account.entryCount != nextNo.get(account.id) - 1 || account.ledger != running.get(account.id)) {
                return "account " + account.id + " does not match its entries";
            }
        }
        return null;
    }

    private static String checkBalances(Map<String, AccountState> accounts, Map<String, HoldRow> holds,
            Map<String, Long> totals) {
        if (!totals(accounts).equals(totals)) {
            return "money was created or destroyed: " + totals + " became " + totals(accounts);
        }
        var pending = new HashMap<String, Long>();
        holds.values().stream().filter(h -> h.status() == HoldStatus.PENDING)
                .forEach(h -> pending.merge(h.accountId(), h.amount(), Long::sum));
        for (var account : accounts.values()) {
            if (account.pending != pending.getOrDefault(account.id, 0L)) {
                return account.id + " pending " + account.pending + " but open holds sum to " + pending.get(account.id);
            }
            if (account.kind != AccountKind.SYSTEM && account.available() < 0) {
                return account.id + " went below zero available: " + account.available();
            }
        }
        return null;
    }

    private static Map<String, Long> totals(Map<String, AccountState> accounts) {
        var totals = new HashMap<String, Long>();
        accounts.values().forEach(a -> totals.merge(a.currency, a.ledger, Long::sum));
        return totals;
    }

    private static Map<String, long[]> snapshot(Map<String, AccountState> accounts) {
        var snapshot = new LinkedHashMap<String, long[]>();
        accounts.values().forEach(a -> snapshot.put(a.id, new long[] {a.ledger, a.pending, a.entryCount}));
        return new ComparableSnapshot(snapshot);
    }

    /** long[] values compared by content, so two snapshots are equal when every balance is. */
    private static final class ComparableSnapshot extends LinkedHashMap<String, long[]> {
        private static final long serialVersionUID = 1L;
        ComparableSnapshot(Map<String, long[]> values) {
            super(values);
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof Map<?, ?> map) || map.size() != size()) {
                return false;
            }
            return entrySet().stream().allMatch(e -> map.get(e.getKey()) instanceof long[] v
                    && java.util.Arrays.equals(v, e.getValue()));
        }

        @Override
        public int hashCode() {
            return keySet().hashCode();
        }
    }

    /** Greedy shrinking: drop operations one at a time while the sequence still fails. */
    static List<Operation> shrink(World world, List<Operation> operations, Predicate<List<Operation>> fails) {
        var current = new ArrayList<>(operations);
        boolean progress = true;
        while (progress) {
            progress = false;
            for (int i = current.size() - 1; i >= 0; i--) {
                var candidate = new ArrayList<>(current);
                candidate.remove(i);
                if (!candidate.isEmpty() && fails.test(candidate)) {
                    current = candidate;
                    progress = true;
                }
            }
        }
        return current;
    }

    static List<Operation> randomOperations(Random random, World world, int count) {
        var operations = new ArrayList<Operation>();
        var holdIds = new ArrayList<>(world.initialHolds.keySet());
        for (int i = 0; i < count; i++) {
            var from = world.randomAccountId(random);
            var to = random.nextInt(20) == 0 ? from : world.randomAccountId(random);
            var currency = random.nextInt(15) == 0 ? JPY : world.currencyOf(from);
            switch (random.nextInt(5)) {
                case 0, 1 -> operations.add(new Operation.PostTransfer("tr_" + i, TransferKind.TRANSFER, from, to,
                        randomAmount(random), currency, null, "usr_test", null));
                case 2 -> {
                    var holdId = "hold_" + i;
                    holdIds.add(holdId);
                    operations.add(new Operation.PlaceHold(holdId, from, to, randomAmount(random), currency,
                            NOW.plusSeconds(60), "ref_" + i));
                }
                case 3 -> operations.add(new Operation.CaptureHold(pick(random, holdIds), randomAmount(random),
                        "tr_" + i, TransferKind.PAYMENT, null, "usr_test"));
                default -> operations.add(new Operation.ReleaseHold(pick(random, holdIds),
                        random.nextBoolean() ? HoldStatus.VOIDED : HoldStatus.EXPIRED));
            }
        }
        return operations;
    }

    private static String pick(Random random, List<String> holdIds) {
        return holdIds.isEmpty() || random.nextInt(10) == 0 ? "hold_unknown" : holdIds.get(random.nextInt(holdIds.size()));
    }

    private static long randomAmount(Random random) {
        return switch (random.nextInt(12)) {
            case 0 -> 0;
            case 1 -> -1 - random.nextInt(100);
            case 2 -> 1_000_000_000_000_001L;
            default -> 1 + random.nextInt(random.nextBoolean() ? 100 : 10_000);
        };
    }

    /**
     * A random starting ledger: a settlement account per currency and a few funded accounts, all consistent; some
     * accounts have a pending hold, which may be past its expiry (by a minute, by a millisecond, or exactly now)
     * without having been released yet.
     */
    record World(List<AccountState> initialAccounts, Map<String, HoldRow> initialHolds) {

        private static final Duration[] HOLD_EXPIRY_FROM_NOW = {Duration.ofMinutes(-1), Duration.ofMillis(-1),
                Duration.ZERO, Duration.ofMillis(1), Duration.ofMinutes(1)};

        static World random(Random random) {
            var accounts = new ArrayList<AccountState>();
            var holds = new LinkedHashMap<String, HoldRow>();
            long eurTotal = 0;
            int n = 2 + random.nextInt(6);
            for (int i = 0; i < n; i++) {
                var status = random.nextInt(8) == 0 ? AccountStatus.FROZEN : AccountStatus.ACTIVE;
                var kind = random.nextBoolean() ? AccountKind.CUSTOMER : AccountKind.MERCHANT;
                long balance = random.nextInt(4) == 0 ? 0 : random.nextInt(20_000);
                long held = 0;
                if (balance > 0 && random.nextInt(3) == 0) {
                    held = 1 + random.nextInt((int) balance);
                    var expiresAt = NOW.plus(HOLD_EXPIRY_FROM_NOW[random.nextInt(HOLD_EXPIRY_FROM_NOW.length)]);
                    holds.put("hold_w" + i, new HoldRow("hold_w" + i, "acc_" + i, "acc_" + ((i + 1) % n), held, "EUR",
                            HoldStatus.PENDING, 0, null, "ref_w" + i, NOW.minus(Duration.ofDays(7)), expiresAt, null));
                }
                accounts.add(new AccountState("acc_" + i, kind, "EUR", status, balance, held, balance > 0 ? 1 : 0));
                eurTotal += balance;
            }
            accounts.add(new AccountState("acc_system_eur", AccountKind.SYSTEM, "EUR", AccountStatus.ACTIVE,
                    -eurTotal, 0, n));
            accounts.add(new AccountState("acc_jpy", AccountKind.CUSTOMER, "JPY", AccountStatus.ACTIVE, 500, 0, 1));
            accounts.add(new AccountState("acc_system_jpy", AccountKind.SYSTEM, "JPY", AccountStatus.ACTIVE, -500, 0, 1));
            return new World(List.copyOf(accounts), Collections.unmodifiableMap(holds));
        }

        /** Fresh mutable copies, so each run starts from the same state. */
        Map<String, AccountState> accounts() {
            var map = new LinkedHashMap<String, AccountState>();
            initialAccounts.forEach(a -> map.put(a.id, a.copy()));
            return map;
        }

        Map<String, HoldRow> holds() {
            return new HashMap<>(initialHolds);
        }

        String randomAccountId(Random random) {
            return random.nextInt(25) == 0 ? "acc_missing" : initialAccounts.get(random.nextInt(initialAccounts.size())).id;
        }

        CurrencyCode currencyOf(String id) {
            return initialAccounts.stream().filter(a -> a.id.equals(id)).findFirst()
                    .map(a -> CurrencyCode.of(a.currency)).orElse(EUR);
        }

        String describe() {
            return String.join(", ", initialAccounts.stream()
                    .map(a -> a.id + "(" + a.kind + "," + a.status + "," + a.ledger + "," + a.pending + ")").toList())
                    + "; holds: " + String.join(", ", initialHolds.values().stream()
                    .map(h -> h.id() + "(" + h.accountId() + "," + h.amount() + ",expires " + h.expiresAt() + ")")
                    .toList());
        }
    }
}
