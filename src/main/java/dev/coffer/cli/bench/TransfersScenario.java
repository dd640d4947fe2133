package dev.coffer.cli.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * Durable transfers over HTTP (bearer token, idempotency key, double entry, history): many accounts, a few of them
 * hot (a share of all transfers touches one), small amounts so that refusals stay rare. Afterwards the ledger
 * verifier must say the books balance.
 */
final class TransfersScenario implements Scenario {

    // Transfers are 1..100 minor units: these last any run. Funded in deposits under the four-eyes threshold.
    static final long HOT_BALANCE = 20_000_000L;
    static final long BALANCE = 999_000L;

    private static final long RETRY_PAUSE_MILLIS = 100;

    private List<FundedAccounts.Owned> accounts;
    private Queue<String> acknowledged;
    private int retries;
    private final LongAdder resent = new LongAdder();
    private int hot;
    private double hotShare;

    @Override
    public void setUp(BenchClient client, BenchOptions options) throws Exception {
        hot = Math.min(options.hotAccounts(), options.accounts() / 2);
        retries = options.retries();
        acknowledged = options.ackLog() == null ? null : new ConcurrentLinkedQueue<>();
        hotShare = options.hotShare();
        var admin = AdminLogin.token(client, options);
        accounts = FundedAccounts.create(client, admin, options.accounts(), hot, HOT_BALANCE, BALANCE);
    }

    @Override
    public Outcome call(BenchClient client, SplittableRandom random) {
        FundedAccounts.Owned from;
        FundedAccounts.Owned to;
        if (random.nextDouble() < hotShare) {
            var hotAccount = accounts.get(random.nextInt(hot));
            var other = accounts.get(hot + random.nextInt(accounts.size() - hot));
            boolean hotSends = random.nextBoolean();
            from = hotSends ? hotAccount : other;
            to = hotSends ? other : hotAccount;
        } else {
            from = accounts.get(hot + random.nextInt(accounts.size() - hot));
            do {
                to = accounts.get(hot + random.nextInt(accounts.size() - hot));
            } while (to == from);
        }
        var body = Map.of("fromAccountId", from.id(), "toAccountId", to.id(), "amount", 1 + random.nextInt(100),
                "currency", "EUR");
        var key = UUID.randomUUID().toString();
        var answer = client.post("/api/v1/transfers", from.token(), key, body);
        for (int retry = 1; retry <= retries && unanswered(answer.status()); retry++) {
            pause(RETRY_PAUSE_MILLIS * retry);
            resent.increment();
            answer = client.post("/api/v1/transfers", from.token(), key, body);
        }
        if (answer.status() == 201) {
            if (acknowledged != null) {
                acknowledged.add(answer.json().path("id").asString());
            }
            return Outcome.OK;
        }
        return answer.status() == 422 && answer.body().contains("insufficient_funds") ? Outcome.INTENDED
                : Outcome.ERROR;
    }

    /** No answer from Coffer itself: the connection broke, or the load balancer found no node (yet). */
    private static boolean unanswered(int status) {
        return status == BenchClient.NO_ANSWER || status == 502 || status == 503 || status == 504;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean finish(BenchClient client, BenchOptions options) {
        if (retries > 0) {
            System.err.printf("resent %d unanswered transfers with the same idempotency key%n", resent.sum());
        }
        if (acknowledged != null) {
            try {
                Files.write(options.ackLog(), acknowledged);
                System.err.printf("acknowledged transfers: %d ids in %s%n", acknowledged.size(), options.ackLog());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        var admin = AdminLogin.token(client, options);
        var report = client.get("/api/v1/admin/ledger/verification", admin);
        boolean ok = report.status() == 200 && report.json().path("ok").asBoolean();
        System.err.println(ok ? "ledger verification: OK, every currency sums to zero"
                : "LEDGER VERIFICATION FAILED: " + report.body());
        return ok;
    }
}
