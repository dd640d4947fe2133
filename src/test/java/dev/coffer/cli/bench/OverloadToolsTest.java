package dev.coffer.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the overload measurement rests on, against a stand-in server whose answers are known: a 503 with
 * Retry-After counts as shed (apart from errors, with its own latency), a 503 without one as an error, and the
 * server's gauges are read from its Prometheus text.
 */
class OverloadToolsTest {

    private HttpServer server;
    private final AtomicInteger calls = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // Every third request shed, every fifth (not shed) a bare 503, the rest fine.
        server.createContext("/api/v1/me", exchange -> {
            int n = calls.incrementAndGet();
            if (n % 3 == 0) {
                exchange.getResponseHeaders().add("Retry-After", "1");
                exchange.sendResponseHeaders(503, -1);
            } else if (n % 5 == 0) {
                exchange.sendResponseHeaders(503, -1);
            } else {
                exchange.sendResponseHeaders(200, -1);
            }
            exchange.close();
        });
        server.createContext("/actuator/prometheus", exchange -> {
            var body = """
                    # HELP jvm_memory_used_bytes The amount of used memory
                    jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.048576E8
                    jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 5.24288E7
                    jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 9.9E7
                    jvm_threads_live_threads 42.0
                    coffer_ledger_queue_depth 7.0
                    """.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void shedRequestsAreCountedAndTimedApartFromErrors() throws Exception {
        var client = new BenchClient("http://127.0.0.1:" + server.getAddress().getPort());
        Scenario me = (c, random) -> Scenario.ofRead(c.get("/api/v1/me", "token"));

        var result = LoadRunner.run(me, client, 1, 0, Duration.ZERO, Duration.ofMillis(1_500), "test");

        long n = result.requests();
        assertThat(n).isGreaterThan(30);
        assertThat(result.shed()).isBetween(n / 3 - 1, n / 3 + 1);
        assertThat(result.errors()).as("bare 503s: every 5th that is not also a 3rd").isBetween(n * 2 / 15 - 1,
                n * 2 / 15 + 1);
        assertThat(result.shedLatency().getTotalCount()).isEqualTo(result.shed());
        assertThat(result.admitted().getTotalCount()).isEqualTo(result.ok());
        assertThat(result.latency().getTotalCount()).isEqualTo(n);
        assertThat(result.throughput()).as("only admitted answers count as throughput")
                .isLessThan(n / result.seconds());
    }

    @Test
    void theServersHeapAndThreadsAreReadFromItsPrometheusText() throws Exception {
        var client = new BenchClient("http://127.0.0.1:" + server.getAddress().getPort());

        var sample = ServerGauges.sample(client);
        var watched = ServerGauges.watch(client).stop();

        assertThat(sample).containsEntry("heapUsedBytes", 1.048576E8 + 5.24288E7).containsEntry("liveThreads", 42.0)
                .containsEntry("ledgerQueueDepth", 7.0);
        assertThat(ServerGauges.describe(watched)).isEqualTo(
                "server heap 150 → peak 150 → 150 MB, live threads 42 → peak 42 → 42, ledger queue peak 7");
    }
}
