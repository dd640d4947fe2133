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
 * verifier must say the books balance. With {@code --batch=N} (N &gt; 1) each request carries N such transfers to
 * {@code POST /api/v1/transfers/batch}; a request counts as OK when answered 200, and the transfers it posted and
 * refused are counted apart (transfers/s = requests/s × N, minus refusals).
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
    private final LongAdder itemsPosted = new LongAdder();
    private final LongAdder itemsRefused = new LongAdder();
    private int batch = 1;
    private int hot;
    private double hotShare;

    @Override
    public void setUp(BenchClient client, BenchOptions options) throws Exception {
        hot = Math.min(options.hotAccounts(), options.accounts() / 2);
        retries = options.retries();
        acknowledged = options.ackLog() == null ? null : new ConcurrentLinkedQueue<>();
        hotShare = options.hotShare();
        batch = options.batch();
        var admin = AdminLogin.token(client, options);
        accounts = FundedAccounts.create(client, admin, options.accounts(), hot, HOT_BALANCE, BALANCE);
        if (options.accountsOut() != null) {
            writeAccounts(options.accountsOut());
        }
    }

    /**
     * The accounts for another load generator (scripts/wrk-transfers.lua): one per line, {@code id token hot}
     * (hot is 1 for the first {@code hot} accounts, else 0), separated by spaces.
     */
    private void writeAccounts(java.nio.file.Path file) throws IOException {
        var lines = new java.util.ArrayList<String>(accounts.size());
        for (int i = 0; i < accounts.size(); i++) {
            lines.add(accounts.get(i).id() + " " + accounts.get(i).token() + " " + (i < hot ? 1 : 0));
        }
        Files.write(file, lines);
        System.err.printf("accounts for other load generators: %,d in %s%n", lines.size(), file);
    }

    @Override
    public Outcome call(BenchClient client, SplittableRandom random) {
        return batch == 1 ? single(client, random) : bulk(client, random);
    }

    /** One of the scenario's transfers, chosen at random: a hot account on one side for a share of them. */
    private record Pair(FundedAccounts.Owned from, FundedAccounts.Owned to) {
    }

    private Pair pair(SplittableRandom random) {
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
        return new Pair(from, to);
    }

    private static Map<String, Object> body(Pair pair, SplittableRandom random) {
        return Map.of("fromAccountId", pair.from().id(), "toAccountId", pair.to().id(), "amount",
                1 + random.nextInt(100), "currency", "EUR");
    }

    private Outcome single(BenchClient client, SplittableRandom random) {
        var pair = pair(random);
        var answer = send(client, "/api/v1/transfers", pair.from().token(), body(pair, random));
        if (answer.status() == 201) {
            if (acknowledged != null) {
                acknowledged.add(answer.json().path("id").asString());
            }
            return Outcome.OK;
        }
        if (answer.status() == 422 && answer.body().contains("insufficient_funds")) {
            return Outcome.INTENDED;
        }
        return answer.shed() ? Outcome.SHED : Outcome.ERROR;
    }

    /** {@code batch} transfers from one owner's account (a bulk request is one user's) to random others. */
    private Outcome bulk(BenchClient client, SplittableRandom random) {
        var first = pair(random);
        var items = new java.util.ArrayList<Map<String, Object>>(batch);
        items.add(body(first, random));
        while (items.size() < batch) {
            var next = pair(random);
            items.add(body(new Pair(first.from(), next.to() == first.from() ? next.from() : next.to()), random));
        }
        var answer = send(client, "/api/v1/transfers/batch", first.from().token(), Map.of("transfers", items));
        if (answer.status() != 200) {
            return answer.shed() ? Outcome.SHED : Outcome.ERROR;
        }
        for (var result : answer.json().path("results")) {
            if (result.path("status").asInt() == 201) {
                itemsPosted.increment();
                if (acknowledged != null) {
                    acknowledged.add(result.path("transfer").path("id").asString());
                }
            } else if (result.path("problem").path("code").asString().equals("insufficient_funds")) {
                itemsRefused.increment();
            } else {
                return Outcome.ERROR;
            }
        }
        return Outcome.OK;
    }

    /** Sends with a fresh idempotency key, resending an unanswered request with the same key up to retries times. */
    private BenchClient.Answer send(BenchClient client, String path, String token, Map<String, ?> body) {
        var key = UUID.randomUUID().toString();
        var answer = client.post(path, token, key, body);
        for (int retry = 1; retry <= retries && unanswered(answer.status()); retry++) {
            pause(RETRY_PAUSE_MILLIS * retry);
            resent.increment();
            answer = client.post(path, token, key, body);
        }
        return answer;
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
        if (batch > 1) {
            System.err.printf("bulk: %d transfers per request; %,d transfers posted, %,d refused for funds "
                    + "(warm-up included)%n", batch, itemsPosted.sum(), itemsRefused.sum());
        }
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
