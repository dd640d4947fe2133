package dev.coffer.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Dashboard speed in a real browser (not part of the suite: run it by name, see docs/benchmarks.md). A user with 3
 * accounts and 1,000 transactions; the dashboard is loaded {@value #LOADS} times in headless Chromium over loopback
 * and the browser's own Navigation Timing and Resource Timing give time to the load event and bytes transferred.
 */
class PageSpeedBenchmark extends BrowserTest {

    static final int LOADS = 15;
    static final int TRANSACTIONS = 1_000;

    @Test
    void dashboardOfAUserWithAThousandTransactions() throws Exception {
        var admin = newUser("admin");
        grantRoles(admin.id(), "customer", "admin");
        var user = newUser("busy");
        var accounts = new ArrayList<String>();
        for (var name : new String[] {"Everyday", "Savings", "Holidays"}) {
            var id = api.post("/api/v1/accounts").token(user.token()).json(Map.of("currency", "EUR", "name", name))
                    .send().json().path("id").asString();
            // Under the four-eyes threshold, so one admin's deposit posts at once.
            var deposit = api.post("/api/v1/admin/accounts/" + id + "/deposits").token(admin.token())
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .json(Map.of("amount", 900_000, "reference", "seed")).send();
            assertThat(deposit.status()).as(deposit.toString()).isEqualTo(201);
            accounts.add(id);
        }
        var pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < TRANSACTIONS; i++) {
            var from = accounts.get(i % 3);
            var to = accounts.get((i + 1) % 3);
            var amount = 100 + i;
            pool.submit(() -> api.post("/api/v1/transfers").token(user.token())
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .json(Map.of("fromAccountId", from, "toAccountId", to, "amount", amount, "currency", "EUR",
                            "description", "Transfer " + amount)).send());
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).isTrue();

        logInAs(user);
        var loadMillis = new ArrayList<Double>();
        var bytes = new ArrayList<Long>();
        for (int i = 0; i < LOADS; i++) {
            go("/");
            find("[data-testid=txn]");
            var timing = (Map<?, ?>) browser.executeScript("""
                    const nav = performance.getEntriesByType('navigation')[0];
                    const resources = performance.getEntriesByType('resource');
                    return {load: nav.loadEventEnd - nav.startTime,
                            bytes: nav.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0),
                            decoded: nav.decodedBodySize + resources.reduce((sum, r) => sum + r.decodedBodySize, 0)};
                    """);
            loadMillis.add(((Number) timing.get("load")).doubleValue());
            bytes.add(((Number) timing.get("bytes")).longValue());
        }
        var sortedLoad = loadMillis.stream().sorted().toList();
        var report = String.format(java.util.Locale.ROOT,
                "{\"page\":\"/\",\"transactions\":%d,\"loads\":%d,\"loadEventMillis\":{\"first\":%.1f,\"min\":%.1f,"
                        + "\"median\":%.1f,\"max\":%.1f},\"transferredBytes\":{\"first\":%d,\"min\":%d,\"max\":%d}}",
                TRANSACTIONS, LOADS, loadMillis.getFirst(), sortedLoad.getFirst(), sortedLoad.get(LOADS / 2),
                sortedLoad.getLast(), bytes.getFirst(), bytes.stream().mapToLong(Long::longValue).min().orElse(0),
                bytes.stream().mapToLong(Long::longValue).max().orElse(0));
        Files.createDirectories(Path.of("target", "benchmarks"));
        Files.writeString(Path.of("target", "benchmarks", "page-speed.json"), report);
        System.out.println("PAGE SPEED " + report);
        screenshot("dashboard-1000");
    }
}
