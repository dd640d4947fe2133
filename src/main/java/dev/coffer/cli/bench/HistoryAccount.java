package dev.coffer.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The history scenario's one big account: a user and the account opened and funded through the API, and a few
 * counterparties (accounts of other users, so a page names several people, as a real one does). Its entries are
 * then written either straight into the server's database ({@link HistoryRows}, a benchmark-only shortcut) or with
 * transfers over HTTP, many in flight.
 *
 * @param token      the owner's bearer token
 * @param accountId  the measured account
 * @param entries    how many entries it holds
 * @param setUpRoute how they were written ("database" or "http")
 */
record HistoryAccount(String token, String accountId, long entries, String setUpRoute, double setUpSeconds) {

    /** Counterparties, each another user's account; a page of 20 names this many people. */
    static final int PEERS = 4;
    /** Transfers in flight when the entries are written over HTTP: enough to fill the ledger's group commits. */
    private static final int TRANSFERS_IN_FLIGHT = 64;
    private static final long MAX_TRANSFER_MINOR_UNITS = 100;

    static HistoryAccount create(BenchClient client, BenchOptions options) throws Exception {
        long startNanos = System.nanoTime();
        var admin = AdminLogin.token(client, options);
        var users = Population.create(client, 1 + PEERS, "history");
        var owner = users.getFirst().token();
        var account = open(client, owner, "History");
        var peers = new ArrayList<String>();
        for (var peer : users.subList(1, users.size())) {
            peers.add(open(client, peer.token(), "Counterparty"));
        }
        int wanted = options.history().entries();
        var db = options.history().dbUrl();
        long entries;
        String route;
        if (db != null) {
            // The deposit is entry 1; the rows written go out and come back in pairs, so one deposit is enough.
            FundedAccounts.depositInParts(client, admin, account, FundedAccounts.MAX_DEPOSIT);
            entries = HistoryRows.write(options.history(), account, peers, wanted);
            route = "database";
        } else {
            // Every transfer moves at most MAX_TRANSFER_MINOR_UNITS out, so the deposits (each under the four-eyes
            // threshold) cover them all and count as entries too.
            int deposits = FundedAccounts.depositInParts(client, admin, account,
                    Math.max(1, (long) wanted * MAX_TRANSFER_MINOR_UNITS));
            entries = deposits + transfersOverHttp(client, owner, account, peers, Math.max(0, wanted - deposits));
            route = "http";
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        System.err.printf("set-up: one account with %,d entries (%s) in %.1f s%n", entries,
                db != null ? "written into the server's database at " + db : "transfers over HTTP", seconds);
        return new HistoryAccount(owner, account, entries, route, seconds);
    }

    private static String open(BenchClient client, String token, String name) {
        return client.required("/api/v1/accounts", token, false, Map.of("currency", "EUR", "name", name))
                .path("id").asString();
    }

    /** Sends {@code count} transfers from the account to its counterparties, many at once; returns the count. */
    private static long transfersOverHttp(BenchClient client, String token, String account, List<String> peers,
            int count) throws InterruptedException {
        var next = new AtomicInteger();
        var done = new AtomicInteger();
        var failure = new AtomicReference<RuntimeException>();
        var senders = new ArrayList<Thread>();
        for (int s = 0; s < TRANSFERS_IN_FLIGHT; s++) {
            senders.add(Thread.ofVirtual().start(() -> {
                for (int i = next.getAndIncrement(); i < count && failure.get() == null; i = next.getAndIncrement()) {
                    try {
                        client.required("/api/v1/transfers", token, true, Map.of("fromAccountId", account,
                                "toAccountId", peers.get(i % peers.size()),
                                "amount", 1 + i % MAX_TRANSFER_MINOR_UNITS, "currency", "EUR",
                                "description", "bench history " + i));
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    }
                    int sent = done.incrementAndGet();
                    if (sent % 1_000 == 0 || sent == count) {
                        Progress.line("set-up: %,d/%,d transfers over HTTP", sent, count);
                    }
                }
            }));
        }
        for (var sender : senders) {
            sender.join();
        }
        Progress.end();
        if (failure.get() != null) {
            throw failure.get();
        }
        return count;
    }
}
