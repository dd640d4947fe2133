package dev.coffer.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.support.IntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * {@code bench stream} for a few seconds against the test server: three users with an open event stream each,
 * transfers between them, every acknowledged transfer's {@code transfer.received} found on its receiver's stream
 * and timed. Not a benchmark: docs/benchmarks.md has the figures.
 */
class StreamBenchSmokeTest extends IntegrationTest {

    @Test
    void everyAcknowledgedTransferReachesItsReceiversStream() throws Exception {
        var admin = newUser("bench-admin");
        grantRoles(admin.id(), "customer", "admin");
        var out = BenchRun.newOutDir();

        var run = BenchRun.of("stream", "--url=http://localhost:" + port, "--streams=3", "--clients=2",
                "--seconds=2", "--warmup-seconds=1", "--admin-email=" + admin.email(),
                "--admin-password=" + admin.password(), "--out=" + out);

        assertThat(run.exit()).as("stderr:%n%s", run.stderr()).isZero();
        assertThat(run.stderr()).contains("set-up: 3/3 event streams connected");
        var result = BenchRun.onlyResult(out);
        long acknowledged = result.path("acknowledgedTransfers").asLong();
        assertThat(acknowledged).isPositive();
        assertThat(result.path("matchedTransferReceived").asLong()).isEqualTo(acknowledged);
        assertThat(result.path("missingTransferReceived").asLong()).isZero();
        var byType = result.path("eventsByType");
        // Each transfer: a transfer.received for the receiver. balance.updated comes once per changed account and
        // group-commit batch (LiveEventWriter), so two transfers of one account in one batch give one: with 3
        // users under load, batches often hold several; only its presence is certain.
        assertThat(byType.path("transfer.received").asLong()).isGreaterThanOrEqualTo(acknowledged - 2);
        assertThat(byType.path("balance.updated").asLong()).isPositive();
        assertThat(result.path("eventsPerSecond").asDouble()).isPositive();
        assertThat(result.path("commitToScreenMillis").path("p99").asDouble()).isLessThan(5_000);
        assertThat(result.path("sendToScreenMillis").path("p50").asDouble()).isPositive();
        assertThat(run.stdout()).contains("stream: 3 streams", "commit→screen p50");
    }

    @Test
    void moreStreamsThanANodeServesAreRefusedBeforeAnything() throws Exception {
        var run = BenchRun.of("stream", "--streams=2001");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.firstErrorLine()).isEqualTo(
                "bench: --streams must be at most 2000 (a node serves that many open streams)");
    }
}
