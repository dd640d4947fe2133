package dev.coffer.cli.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Closed-loop load: {@code clients} virtual threads each send a request, wait for its answer, send the next, until
 * the time is up. First a warm-up, whose requests are not counted; then the measurement: latencies go into an
 * HdrHistogram recorder, every second a line shows elapsed time, req/s, errors and p50/p99 so far, and one point of
 * the timeline is kept for the plot. A request counts when it was sent after the warm-up.
 */
final class LoadRunner {

    private static final long HIGHEST_MICROS = 60_000_000L;

    record Second(int second, long requests, long errors, double p50Millis, double p99Millis) {
    }

    record Result(long ok, long intended, long errors, double seconds, Histogram latency, List<Second> timeline) {
        double throughput() {
            return (ok + intended) / seconds;
        }
    }

    static Result run(Scenario scenario, BenchClient client, int clients, Duration warmup, Duration duration,
            String name) throws InterruptedException {
        var recorder = new Recorder(HIGHEST_MICROS, 3);
        var ok = new AtomicLong();
        var intended = new AtomicLong();
        var errors = new AtomicLong();
        long warmupStart = System.nanoTime();
        long start = warmupStart + warmup.toNanos();
        long deadline = start + duration.toNanos();
        var done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            var random = new SplittableRandom(c * 7919L + warmupStart);
            Thread.ofVirtual().start(() -> {
                try {
                    while (System.nanoTime() < deadline) {
                        long sent = System.nanoTime();
                        var outcome = scenario.call(client, random);
                        if (sent < start) {
                            continue;
                        }
                        recorder.recordValue(Math.min(HIGHEST_MICROS, (System.nanoTime() - sent) / 1_000));
                        (switch (outcome) {
                            case OK -> ok;
                            case INTENDED -> intended;
                            case ERROR -> errors;
                        }).incrementAndGet();
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        warmUp(done, start, name);
        var total = new Histogram(HIGHEST_MICROS, 3);
        var timeline = new ArrayList<Second>();
        long lastCount = 0;
        long lastErrors = 0;
        Histogram interval = null;
        while (!done.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
            interval = recorder.getIntervalHistogram(interval);
            total.add(interval);
            long count = ok.get() + intended.get() + errors.get();
            timeline.add(new Second(timeline.size() + 1, count - lastCount, errors.get() - lastErrors,
                    interval.getValueAtPercentile(50) / 1000.0, interval.getValueAtPercentile(99) / 1000.0));
            lastCount = count;
            lastErrors = errors.get();
            Progress.line("[%s] %3ds  %,8d req/s  errors %d  p50 %.1f ms  p99 %.1f ms", name, timeline.size(),
                    timeline.getLast().requests(), errors.get(), total.getValueAtPercentile(50) / 1000.0,
                    total.getValueAtPercentile(99) / 1000.0);
        }
        total.add(recorder.getIntervalHistogram());
        Progress.end();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(ok.get(), intended.get(), errors.get(), seconds, total, timeline);
    }

    /** Shows the warm-up counting down until the measurement starts (or every client has stopped). */
    private static void warmUp(CountDownLatch done, long start, String name) throws InterruptedException {
        long left;
        while ((left = start - System.nanoTime()) > 0) {
            Progress.line("[%s] warming up, %ds left (not measured)", name, (left + 999_999_999) / 1_000_000_000);
            if (done.await(Math.min(left, 1_000_000_000), java.util.concurrent.TimeUnit.NANOSECONDS)) {
                break;
            }
        }
        Progress.end();
    }
}
