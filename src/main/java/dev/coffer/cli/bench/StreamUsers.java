package dev.coffer.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** The stream scenario's people: N users, each with one account opened and funded through the API. */
final class StreamUsers {

    /**
     * Users whose account is opened and funded at once. Openings append to the audit chain one at a time, so more
     * in flight would only wait for its lock while holding a pooled connection (see {@link FundedAccounts}).
     */
    private static final int AT_ONCE = 8;

    private StreamUsers() {
    }

    static List<FundedAccounts.Owned> create(BenchClient client, String adminToken, int count, long balance)
            throws InterruptedException, ExecutionException {
        long startNanos = System.nanoTime();
        var users = Population.create(client, count, "stream");
        var done = new AtomicInteger();
        var futures = new ArrayList<Future<FundedAccounts.Owned>>();
        try (var pool = Executors.newFixedThreadPool(AT_ONCE)) {
            for (var user : users) {
                futures.add(pool.submit(() -> {
                    var id = client.required("/api/v1/accounts", user.token(), false,
                            Map.of("currency", "EUR", "name", "Streamed")).path("id").asString();
                    FundedAccounts.depositInParts(client, adminToken, id, balance);
                    Progress.line("set-up: %d/%d accounts opened and funded", done.incrementAndGet(), count);
                    return new FundedAccounts.Owned(id, user.token());
                }));
            }
        }
        Progress.end();
        var accounts = new ArrayList<FundedAccounts.Owned>();
        for (var future : futures) {
            accounts.add(future.get());
        }
        System.err.printf("set-up: %d users, each with a funded account, in %.1f s%n", count,
                (System.nanoTime() - startNanos) / 1e9);
        return accounts;
    }
}
