package dev.coffer.cli.bench;

import dev.coffer.ledger.account.AccountService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * The transfers scenario's accounts, opened and funded through the API as fast as the server allows, with a
 * progress line. Three stages run at once, each with its own bound: users (as many accounts each as a user may
 * hold) sign up and log in; as soon as one is in, its accounts are opened; as soon as one is open, it is funded. So
 * the server hashes the next users' passwords (CPU) while it commits the first ones' accounts, and many deposits in
 * flight share the ledger's group commits.
 */
final class FundedAccounts {

    static final int ACCOUNTS_PER_USER = AccountService.MAX_ACCOUNTS_PER_USER;
    /**
     * Openings in flight. Each is a transaction that appends to the audit chain, whose head lock puts them in a
     * single line while they hold a pooled connection: more in flight only queue there, and under a busy server
     * they would wait past the pool's connection timeout (503) and starve the deposits of connections.
     */
    private static final int OPENINGS_AT_ONCE = 8;
    /** Deposits in flight: they wait for the group-commit batcher without holding a connection, and fill batches. */
    private static final int DEPOSITS_AT_ONCE = 32;

    record Owned(String id, String token) {
    }

    private final BenchClient client;
    private final String adminToken;
    private final Owned[] accounts;
    private final int hot;
    private final long hotBalance;
    private final long balance;
    private final AtomicInteger funded = new AtomicInteger();
    private final ExecutorService userPool = Executors.newFixedThreadPool(Population.USERS_AT_ONCE);
    private final ExecutorService openingPool = Executors.newFixedThreadPool(OPENINGS_AT_ONCE);
    private final ExecutorService depositPool = Executors.newFixedThreadPool(DEPOSITS_AT_ONCE);

    private FundedAccounts(BenchClient client, String adminToken, int count, int hot, long hotBalance, long balance) {
        this.client = client;
        this.adminToken = adminToken;
        this.accounts = new Owned[count];
        this.hot = hot;
        this.hotBalance = hotBalance;
        this.balance = balance;
    }

    /** Opens {@code count} accounts; the first {@code hot} get {@code hotBalance}, the others {@code balance}. */
    static List<Owned> create(BenchClient client, String adminToken, int count, int hot, long hotBalance,
            long balance) {
        long startNanos = System.nanoTime();
        var setUp = new FundedAccounts(client, adminToken, count, hot, hotBalance, balance);
        int users = setUp.run();
        System.err.printf("set-up: %,d accounts of %,d users opened and funded in %.1f s%n", count, users,
                (System.nanoTime() - startNanos) / 1e9);
        return Arrays.asList(setUp.accounts);
    }

    /** Returns the number of users created. */
    private int run() {
        int count = accounts.length;
        int users = (count + ACCOUNTS_PER_USER - 1) / ACCOUNTS_PER_USER;
        var run = Population.newRun();
        progress();
        try {
            var perUser = new ArrayList<CompletableFuture<Void>>(users);
            for (int u = 0; u < users; u++) {
                int n = u;
                int first = u * ACCOUNTS_PER_USER;
                int end = Math.min(count, first + ACCOUNTS_PER_USER);
                perUser.add(CompletableFuture
                        .supplyAsync(() -> Population.signUp(client, "transfers", run, n), userPool)
                        .thenCompose(user -> openAndFundAll(user.token(), first, end)));
            }
            awaitAllOrFirstFailure(perUser);
        } finally {
            var pools = List.of(userPool, openingPool, depositPool);
            pools.forEach(ExecutorService::shutdownNow);
            pools.forEach(ExecutorService::close);
            Progress.end();
        }
        return users;
    }

    private CompletableFuture<Void> openAndFundAll(String ownerToken, int first, int end) {
        return CompletableFuture.allOf(IntStream.range(first, end)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> open(ownerToken), openingPool)
                        .thenAcceptAsync(id -> fund(i, id, ownerToken), depositPool))
                .toArray(CompletableFuture[]::new));
    }

    private String open(String ownerToken) {
        return client.required("/api/v1/accounts", ownerToken, false, Map.of("currency", "EUR", "name", "Bench"))
                .path("id").asString();
    }

    /**
     * The bench's admin is one person: each deposit stays under the four-eyes threshold (coffer.admin
     * .approval-threshold, 1,000,000 by default), so a larger balance arrives as several deposits.
     */
    static final long MAX_DEPOSIT = 999_999;

    private void fund(int index, String accountId, String ownerToken) {
        depositInParts(client, adminToken, accountId, index < hot ? hotBalance : balance);
        accounts[index] = new Owned(accountId, ownerToken);
        funded.incrementAndGet();
        progress();
    }

    /** Deposits {@code amount} as deposits of at most {@link #MAX_DEPOSIT}; returns how many it took. */
    static int depositInParts(BenchClient client, String adminToken, String accountId, long amount) {
        int deposits = 0;
        for (long left = amount; left > 0; left -= MAX_DEPOSIT) {
            client.required("/api/v1/admin/accounts/" + accountId + "/deposits", adminToken, true,
                    Map.of("amount", Math.min(left, MAX_DEPOSIT), "reference", "bench"));
            deposits++;
        }
        return deposits;
    }

    /** The warning that set-up takes a while, and how far it is. */
    private void progress() {
        Progress.line("setting up %,d accounts… %,d/%,d", accounts.length, funded.get(), accounts.length);
    }

    /** Returns when all are done; the first failure ends the wait at once (the caller stops the rest). */
    private static void awaitAllOrFirstFailure(List<CompletableFuture<Void>> futures) {
        var firstFailure = new CompletableFuture<Void>();
        futures.forEach(f -> f.exceptionally(e -> {
            firstFailure.completeExceptionally(e);
            return null;
        }));
        try {
            CompletableFuture.anyOf(CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)), firstFailure)
                    .join();
        } catch (CompletionException e) {
            var cause = e.getCause() instanceof CompletionException inner ? inner.getCause() : e.getCause();
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        }
    }
}
