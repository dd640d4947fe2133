package dev.coffer.cli.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The renewals scenario's cast, set up through the public API as a merchant's integration would: a merchant (its
 * role granted by the admin) with an API key, a settlement account and one recurring price; customers with one
 * funded account each; and N subscriptions, each a {@code mode: "subscription"} checkout session the customer pays.
 * Each customer account holds exactly what its subscriptions cost for two periods (the first, paid at checkout, and
 * the renewal), so after the renewal every customer account is at zero.
 */
final class RenewalsShop {

    /** Subscriptions that share one customer account (so a thousand need forty sign-ups, not a thousand). */
    static final int SUBSCRIPTIONS_PER_CUSTOMER = 25;
    static final long AMOUNT = 999;
    /** Tries of one set-up request that was shed or not answered. */
    private static final int ATTEMPTS = 5;
    /** Checkout sessions created and paid at once. */
    private static final int CHECKOUTS_AT_ONCE = 16;

    record Customer(String email, String token, String accountId, int subscriptions) {
    }

    /** A subscription as its customer's list showed it after the checkout. */
    record Subscribed(String id, Instant currentPeriodEnd) {
    }

    final String merchantEmail;
    final String apiKey;
    final String settlementAccountId;
    final String priceId;
    final List<Customer> customers;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    private RenewalsShop(String merchantEmail, String apiKey, String settlementAccountId, String priceId,
            List<Customer> customers) {
        this.merchantEmail = merchantEmail;
        this.apiKey = apiKey;
        this.settlementAccountId = settlementAccountId;
        this.priceId = priceId;
        this.customers = customers;
    }

    /** The merchant, its price, and customers enough for {@code subscriptions}, each customer's account funded. */
    static RenewalsShop create(BenchClient client, String adminToken, int subscriptions, String interval)
            throws InterruptedException, ExecutionException {
        var run = Population.newRun();
        var merchantEmail = "bench-renewals-" + run + "-merchant@bench.coffer.dev";
        var merchantId = client.required("/api/v1/users", null, false, Map.of("email", merchantEmail, "password",
                Population.PASSWORD, "displayName", "Bench merchant")).path("id").asString();
        client.required("/api/v1/admin/users/" + merchantId + "/roles", adminToken, false,
                Map.of("roles", List.of("customer", "merchant")));
        var merchant = client.login(merchantEmail, Population.PASSWORD);
        var apiKey = client.required("/api/v1/merchant/api-keys", merchant, false, Map.of("name", "bench"))
                .path("secret").asString();
        var settlement = client.required("/api/v1/accounts", merchant, false,
                Map.of("currency", "EUR", "name", "Settlement")).path("id").asString();
        var price = client.required("/api/v1/prices", apiKey, false, Map.of("productName", "Bench streaming",
                "amount", AMOUNT, "currency", "EUR", "interval", interval)).path("id").asString();
        int count = (subscriptions + SUBSCRIPTIONS_PER_CUSTOMER - 1) / SUBSCRIPTIONS_PER_CUSTOMER;
        var users = Population.create(client, count, "renewals");
        var customers = new ArrayList<Future<Customer>>();
        try (var pool = Executors.newFixedThreadPool(Population.USERS_AT_ONCE)) {
            for (int c = 0; c < count; c++) {
                var user = users.get(c);
                int theirs = Math.min(SUBSCRIPTIONS_PER_CUSTOMER, subscriptions - c * SUBSCRIPTIONS_PER_CUSTOMER);
                customers.add(pool.submit(() -> {
                    var account = client.required("/api/v1/accounts", user.token(), false,
                            Map.of("currency", "EUR", "name", "Subscriptions")).path("id").asString();
                    FundedAccounts.depositInParts(client, adminToken, account, 2 * AMOUNT * theirs);
                    return new Customer(user.email(), user.token(), account, theirs);
                }));
            }
        }
        var funded = new ArrayList<Customer>();
        for (var customer : customers) {
            funded.add(customer.get());
        }
        return new RenewalsShop(merchantEmail, apiKey, settlement, price, funded);
    }

    /** Each customer starts their subscriptions: a subscription checkout session, paid from their account. */
    List<Subscribed> subscribeAll(BenchClient client, int total) throws InterruptedException, ExecutionException {
        var done = new AtomicInteger();
        var paid = new ArrayList<Future<?>>();
        try (var pool = Executors.newFixedThreadPool(CHECKOUTS_AT_ONCE)) {
            for (var customer : customers) {
                for (int s = 0; s < customer.subscriptions(); s++) {
                    paid.add(pool.submit(() -> {
                        var session = retried(() -> client.post("/api/v1/checkout/sessions", apiKey,
                                UUID.randomUUID().toString(), Map.of("mode", "subscription", "priceId", priceId,
                                        "settlementAccountId", settlementAccountId)), "/api/v1/checkout/sessions",
                                201).json().path("id").asString();
                        pay(client, customer, session);
                        Progress.line("set-up: %d/%d subscriptions paid at checkout", done.incrementAndGet(), total);
                        return null;
                    }));
                }
            }
        }
        Progress.end();
        for (var future : paid) {
            future.get();
        }
        var subscribed = new ArrayList<Subscribed>();
        for (var customer : customers) {
            var list = client.get("/api/v1/subscriptions", token(client, customer, true));
            if (list.status() != 200) {
                throw new IllegalStateException("GET /api/v1/subscriptions answered " + list.status() + ": "
                        + list.body());
            }
            int theirs = 0;
            for (var s : list.json().path("data")) {
                subscribed.add(new Subscribed(s.path("id").asString(),
                        Instant.parse(s.path("currentPeriodEnd").asString())));
                theirs++;
            }
            if (theirs != customer.subscriptions()) {
                throw new IllegalStateException(customer.email() + " has " + theirs + " subscriptions, not "
                        + customer.subscriptions());
            }
        }
        return subscribed;
    }

    /**
     * Pays a session as the customer. Access tokens live 15 minutes, and on two busy cores the checkouts of a large
     * N can take longer: a 401 logs the customer in again (the same idempotency key makes the resend safe).
     */
    private void pay(BenchClient client, Customer customer, String session) throws InterruptedException {
        var key = UUID.randomUUID().toString();
        var path = "/api/v1/checkout/sessions/" + session + "/pay";
        var body = Map.of("accountId", customer.accountId());
        retried(() -> {
            var answer = client.post(path, token(client, customer, false), key, body);
            return answer.status() == 401 ? client.post(path, token(client, customer, true), key, body) : answer;
        }, path, 201);
    }

    /**
     * Sends (the same request, so the same idempotency key) until it is answered: a 503 or no answer is what a
     * server on two cores busy with other work says now and then, and a careful client tries again a little later;
     * a 409 after that is the first try still in flight (idempotency_key_in_use: "retry shortly").
     */
    static BenchClient.Answer retried(java.util.function.Supplier<BenchClient.Answer> send, String path,
            int expected) throws InterruptedException {
        BenchClient.Answer answer = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            answer = send.get();
            if (answer.status() != 503 && answer.status() != BenchClient.NO_ANSWER && answer.status() != 409) {
                break;
            }
            Thread.sleep(attempt * 1_000L);
        }
        if (answer.status() != expected) {
            throw new IllegalStateException("POST " + path + " answered " + answer.status() + ": " + answer.body());
        }
        return answer;
    }

    /** The customer's current token; a new one after a login when {@code renew}. */
    private String token(BenchClient client, Customer customer, boolean renew) {
        if (renew) {
            return tokens.compute(customer.email(), (email, old) -> client.login(email, Population.PASSWORD));
        }
        return tokens.computeIfAbsent(customer.email(), email -> customer.token());
    }

    /** Cancels the bench's subscriptions (the merchant, at once), so a later clock jump does not bill them again. */
    void cancelAll(BenchClient client, List<Subscribed> subscriptions) {
        try (var pool = Executors.newFixedThreadPool(CHECKOUTS_AT_ONCE)) {
            for (var s : subscriptions) {
                pool.submit(() -> client.post("/api/v1/merchant/subscriptions/" + s.id() + "/cancel", apiKey,
                        (String) null, Map.of()));
            }
        }
    }
}
