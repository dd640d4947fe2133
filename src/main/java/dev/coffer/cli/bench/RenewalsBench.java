package dev.coffer.cli.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code bench renewals --subscriptions=N}, against a server started with {@code --coffer.test-clock=true}: N
 * subscriptions started through checkout, the server's clock jumped just past the end of their first period (all
 * due at once), then renewals/s and the time until every one is charged, read from the merchant's settlement
 * balance (one request a poll, whatever N). Then it checks what was promised: exactly one paid invoice per
 * subscription per period (two each: the checkout's and the renewal's, one transfer each), and the books balance
 * (the admin's ledger verification). Timing is also read from the server's side: the renewal invoices' {@code paidAt}
 * on the server's clock, against the time the jump answered.
 */
final class RenewalsBench {

    static final int MAX_SUBSCRIPTIONS = 100_000;
    private static final long POLL_MILLIS = 100;
    private static final Duration MAX_WAIT = Duration.ofMinutes(10);
    /** After all are charged, how long the balance must stay put (a late double charge would move it). */
    private static final Duration SETTLE = Duration.ofSeconds(2);
    private static final int CHECKS_AT_ONCE = 16;

    private RenewalsBench() {
    }

    record Point(long millis, long charged) {
    }

    static int run(BenchClient client, BenchOptions options) throws Exception {
        int n = options.renewals().subscriptions();
        System.err.printf("bench renewals against %s: %d %sly subscriptions, the test clock jumped past their "
                + "period's end, every renewal timed and checked%n", options.url(), n, options.renewals().interval());
        long setUpStart = System.nanoTime();
        var shop = new RenewalsShop[1];
        var subscribed = new ArrayList<RenewalsShop.Subscribed>();
        BenchCommand.setUp(() -> {
            var admin = AdminLogin.token(client, options);
            if (client.get("/api/v1/admin/test-clock", admin).status() != 200) {
                throw new IllegalStateException("the server has no test clock: start it with "
                        + "--coffer.test-clock=true (never a real bank)");
            }
            shop[0] = RenewalsShop.create(client, admin, n, options.renewals().interval());
            subscribed.addAll(shop[0].subscribeAll(client, n));
        });
        double setUpSeconds = (System.nanoTime() - setUpStart) / 1e9;
        System.err.printf("set-up: %d subscriptions of %d customers in %.1f s%n", n, shop[0].customers.size(),
                setUpSeconds);

        var admin = AdminLogin.token(client, options);
        var serverNow = Instant.parse(client.get("/api/v1/admin/test-clock", admin).json().path("now").asString());
        var lastEnd = subscribed.stream().map(RenewalsShop.Subscribed::currentPeriodEnd).max(Comparator.naturalOrder())
                .orElseThrow();
        long jumpSeconds = Math.max(1, Duration.between(serverNow, lastEnd).toSeconds() + 1);
        long jumpNanos = System.nanoTime();
        var jump = client.post("/api/v1/admin/test-clock", admin, (String) null, Map.of("advanceBy",
                "PT" + jumpSeconds + "S"));
        if (jump.status() != 200) {
            System.err.println("bench: the clock jump was refused: " + jump.status() + " " + jump.body());
            return 2;
        }
        var jumpedTo = Instant.parse(jump.json().path("now").asString());
        System.err.printf("clock jumped by %s to %s: %d renewals due%n", Duration.ofSeconds(jumpSeconds), jumpedTo, n);

        var merchant = client.login(shop[0].merchantEmail, Population.PASSWORD);
        var timeline = new ArrayList<Point>();
        long charged = 0;
        long deadline = jumpNanos + MAX_WAIT.toNanos();
        while (charged < n && System.nanoTime() < deadline) {
            charged = Math.max(charged, charged(client, merchant, shop[0], n));
            timeline.add(new Point((System.nanoTime() - jumpNanos) / 1_000_000, charged));
            Progress.line("renewals: %d/%d charged, %.1f s after the jump", charged, n,
                    (System.nanoTime() - jumpNanos) / 1e9);
            if (charged < n) {
                Thread.sleep(POLL_MILLIS);
            }
        }
        double allChargedSeconds = (System.nanoTime() - jumpNanos) / 1e9;
        Progress.end();
        Thread.sleep(SETTLE.toMillis());
        long settled = -1;
        for (int attempt = 0; attempt < 5 && settled < 0; attempt++) {
            settled = charged(client, merchant, shop[0], n);
        }

        var check = checkInvoices(client, shop[0], subscribed);
        var verification = client.get("/api/v1/admin/ledger/verification", AdminLogin.token(client, options));
        boolean ledgerOk = verification.status() == 200 && verification.json().path("ok").asBoolean();
        System.err.println(ledgerOk ? "ledger verification: OK, every currency sums to zero"
                : "LEDGER VERIFICATION FAILED: " + verification.body());
        shop[0].cancelAll(client, subscribed);

        boolean allCharged = charged == n && settled == n;
        var firstPaid = check.paidAt.stream().min(Comparator.naturalOrder()).orElse(jumpedTo);
        var lastPaid = check.paidAt.stream().max(Comparator.naturalOrder()).orElse(jumpedTo);
        double serverFirst = Duration.between(jumpedTo, firstPaid).toMillis() / 1000.0;
        double serverAll = Duration.between(jumpedTo, lastPaid).toMillis() / 1000.0;
        double spread = Duration.between(firstPaid, lastPaid).toMillis() / 1000.0;
        double perSecond = allCharged ? n / allChargedSeconds : 0;
        var out = new LinkedHashMap<String, Object>();
        out.put("scenario", "renewals");
        out.put("url", options.url());
        out.put("subscriptions", n);
        out.put("customers", shop[0].customers.size());
        out.put("interval", options.renewals().interval());
        out.put("amount", RenewalsShop.AMOUNT);
        out.put("setUpSeconds", round(setUpSeconds));
        out.put("clockJump", Duration.ofSeconds(jumpSeconds).toString());
        out.put("allCharged", allCharged);
        out.put("chargedAfterSettling", settled);
        out.put("allChargedSeconds", round(allChargedSeconds));
        out.put("renewalsPerSecond", round(perSecond));
        out.put("serverFirstChargeSeconds", round(serverFirst));
        out.put("serverAllChargedSeconds", round(serverAll));
        out.put("serverRenewalsPerSecond", spread > 0 ? round(n / spread) : null);
        out.put("paidInvoicesExactlyOncePerPeriod", check.ok(n));
        out.put("subscriptionsWithMissingPeriod", check.missing.get());
        out.put("subscriptionsWithDoubledPeriod", check.doubled.get());
        out.put("invoicesWrong", check.wrong.get());
        out.put("ledgerVerified", ledgerOk);
        out.put("timeline", timeline);
        out.put("finishedAt", Instant.now().toString());
        var file = BenchReport.writeJson(options, out);
        System.out.printf("renewals: %d subscriptions, all charged %.1f s after the clock jump, %.1f renewals/s "
                        + "(server: first charge after %.1f s, last after %.1f s); %d paid renewal invoices, %d "
                        + "missing, %d doubled, %d wrong; ledger %s (%s)%n", n, allChargedSeconds, perSecond,
                serverFirst, serverAll, check.paidAt.size(), check.missing.get(), check.doubled.get(),
                check.wrong.get(), ledgerOk ? "verified" : "NOT VERIFIED", file);
        if (!allCharged) {
            System.err.printf("bench: %d of %d renewals charged within %d s (%d after settling)%n", charged, n,
                    MAX_WAIT.toSeconds(), settled);
        }
        return allCharged && check.ok(n) && ledgerOk ? 0 : 1;
    }

    /**
     * Renewals charged so far: the settlement balance beyond the checkouts' first periods, in prices; -1 when the
     * server did not answer this time (shed or busy: the next poll asks again).
     */
    private static long charged(BenchClient client, String merchantToken, RenewalsShop shop, int n) {
        var account = client.get("/api/v1/accounts/" + shop.settlementAccountId, merchantToken);
        if (account.status() != 200) {
            return -1;
        }
        long available = account.json().path("balance").path("available").asLong();
        return (available - (long) n * RenewalsShop.AMOUNT) / RenewalsShop.AMOUNT;
    }

    /** What the invoices of each subscription say, counted. */
    static final class InvoiceCheck {
        final AtomicInteger missing = new AtomicInteger();
        final AtomicInteger doubled = new AtomicInteger();
        final AtomicInteger wrong = new AtomicInteger();
        final ConcurrentLinkedQueue<Instant> paidAt = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> transfers = new ConcurrentLinkedQueue<>();

        boolean ok(int n) {
            return missing.get() == 0 && doubled.get() == 0 && wrong.get() == 0 && paidAt.size() == n
                    && transfers.stream().distinct().count() == n;
        }
    }

    /**
     * Each subscription must have exactly two invoices, both paid and of the price's amount: the first period's (paid
     * at checkout) and the renewal's, which starts where the first ends and was paid by its own transfer.
     */
    private static InvoiceCheck checkInvoices(BenchClient client, RenewalsShop shop,
            List<RenewalsShop.Subscribed> subscribed) {
        var check = new InvoiceCheck();
        try (var pool = Executors.newFixedThreadPool(CHECKS_AT_ONCE)) {
            for (var s : subscribed) {
                pool.submit(() -> checkOne(client, shop, s, check));
            }
        }
        return check;
    }

    private static void checkOne(BenchClient client, RenewalsShop shop, RenewalsShop.Subscribed s,
            InvoiceCheck check) {
        var answer = client.get("/api/v1/invoices?subscriptionId=" + s.id(), shop.apiKey);
        if (answer.status() != 200) {
            check.wrong.incrementAndGet();
            return;
        }
        var invoices = new ArrayList<tools.jackson.databind.JsonNode>();
        answer.json().path("data").forEach(invoices::add);
        long periods = invoices.stream().map(i -> i.path("periodStart").asString()).distinct().count();
        if (periods < invoices.size() || invoices.size() > 2) {
            check.doubled.incrementAndGet();
            return;
        }
        if (invoices.size() < 2) {
            check.missing.incrementAndGet();
            return;
        }
        var renewal = invoices.get(0); // newest first
        var first = invoices.get(1);
        boolean right = invoices.stream().allMatch(i -> "paid".equals(i.path("status").asString())
                && i.path("amount").asLong() == RenewalsShop.AMOUNT)
                && renewal.path("periodStart").asString().equals(first.path("periodEnd").asString())
                && Instant.parse(renewal.path("periodStart").asString()).equals(s.currentPeriodEnd())
                && !renewal.path("transferId").isNull() && !renewal.path("paidAt").isNull();
        if (!right) {
            check.wrong.incrementAndGet();
            return;
        }
        check.paidAt.add(Instant.parse(renewal.path("paidAt").asString()));
        check.transfers.add(renewal.path("transferId").asString());
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
