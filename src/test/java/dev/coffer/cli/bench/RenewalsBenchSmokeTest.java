package dev.coffer.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.support.ExtraNode;
import dev.coffer.support.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code bench renewals} end to end at a small N against a node with the test clock: twenty subscriptions through
 * checkout, the clock jumped, every renewal charged once and found in the invoices, the ledger verified, a JSON
 * result. Not a benchmark: scripts/bench-renewals.sh is.
 */
class RenewalsBenchSmokeTest extends IntegrationTest {

    private static ExtraNode clockNode;

    @BeforeAll
    static void startTestClockNode() {
        clockNode = ExtraNode.start("bench-renewals", "coffer.test-clock=true",
                "coffer.identity.logins-per-ip-per-minute=100000",
                "coffer.identity.registrations-per-ip-per-minute=100000");
    }

    @AfterAll
    static void stopTestClockNode() {
        if (clockNode != null) {
            clockNode.close();
        }
    }

    @Test
    void twentySubscriptionsAreEachRenewedOnceAfterTheJump() throws Exception {
        var admin = newUser("bench-admin");
        grantRoles(admin.id(), "customer", "admin");
        var out = BenchRun.newOutDir();

        var run = BenchRun.of("renewals", "--url=http://localhost:" + clockNode.port(), "--subscriptions=20",
                "--admin-email=" + admin.email(), "--admin-password=" + admin.password(), "--out=" + out);

        assertThat(run.exit()).as("stderr:%n%s", run.stderr()).isZero();
        var result = BenchRun.onlyResult(out);
        assertThat(result.path("subscriptions").asInt()).isEqualTo(20);
        assertThat(result.path("allCharged").asBoolean()).isTrue();
        assertThat(result.path("chargedAfterSettling").asLong()).isEqualTo(20);
        assertThat(result.path("paidInvoicesExactlyOncePerPeriod").asBoolean()).isTrue();
        assertThat(result.path("subscriptionsWithMissingPeriod").asInt()).isZero();
        assertThat(result.path("subscriptionsWithDoubledPeriod").asInt()).isZero();
        assertThat(result.path("invoicesWrong").asInt()).isZero();
        assertThat(result.path("ledgerVerified").asBoolean()).isTrue();
        assertThat(result.path("renewalsPerSecond").asDouble()).isPositive();
        assertThat(result.path("serverAllChargedSeconds").asDouble())
                .isGreaterThanOrEqualTo(result.path("serverFirstChargeSeconds").asDouble());
        assertThat(result.path("timeline").size()).isPositive();
        assertThat(run.stdout()).contains("renewals: 20 subscriptions, all charged", "20 paid renewal invoices, 0 "
                + "missing, 0 doubled, 0 wrong; ledger verified");
        var canceled = jdbc.sql("""
                SELECT count(*) FROM subscriptions s JOIN prices p ON p.id = s.price_id
                WHERE p.product_name = 'Bench streaming' AND s.status <> 'canceled'""").query(Long.class).single();
        assertThat(canceled).as("the bench cancels what it started").isZero();
    }

    @Test
    void withoutATestClockNothingIsSetUp() throws Exception {
        var admin = newUser("bench-admin");
        grantRoles(admin.id(), "customer", "admin");
        long users = count("users");

        var run = BenchRun.of("renewals", "--url=http://localhost:" + port, "--subscriptions=5",
                "--admin-email=" + admin.email(), "--admin-password=" + admin.password());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.stderr()).contains("the server has no test clock: start it with --coffer.test-clock=true");
        assertThat(count("users")).isEqualTo(users);
    }

    @Test
    void badOptionsAreRefusedBeforeAnything() throws Exception {
        assertThat(BenchRun.of("renewals", "--interval=fortnight").firstErrorLine())
                .isEqualTo("bench: --interval must be day, week, month or year");
        assertThat(BenchRun.of("renewals", "--subscriptions=0").firstErrorLine())
                .isEqualTo("bench: --subscriptions must be positive");
    }
}
