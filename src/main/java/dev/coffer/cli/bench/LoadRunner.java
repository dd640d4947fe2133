package dev.coffer.cli.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Load from {@code clients} virtual threads, each sending a request and waiting for its answer. Closed loop (rate 0):
 * a client sends its next request as soon as it has the answer. Open loop (rate &gt; 0): each client follows a
 * schedule of {@code rate / clients} requests per second, and a request's latency counts from when it was due, not
 * from when it could be sent, so a stalled server cannot hide its stall by slowing the load down (no coordinated
 * omission, as far as {@code clients} requests in flight allow). First a warm-up, whose requests are not counted;
 * then the measurement: latencies go into HdrHistogram recorders (all requests; admitted ones, i.e. answered
 * other than shed; shed ones), every second a line shows elapsed time, req/s, errors and p50/p99 so far, and one
 * point of the timeline is kept for the plot. A request counts when it was due after the warm-up.
 */
final class LoadRunner {

    private static final long HIGHEST_MICROS = 60_000_000L;

    record Second(int second, long requests, long errors, long shed, double p50Millis, double p99Millis) {
    }

    /**
     * One run: counts by outcome, the measured seconds, and latency histograms in microseconds: every request,
     * the admitted ones (OK and intended refusals) and the shed ones.
     */
    record Result(long ok, long intended, long shed, long errors, double seconds, Histogram latency,
            Histogram admitted, Histogram shedLatency, List<Second> timeline) {
        /** Answered requests per second that the server did not shed or fail: its useful throughput. */
        double throughput() {
            return (ok + intended) / seconds;
        }

        long requests() {
            return ok + intended + shed + errors;
        }
    }

    static Result run(Scenario scenario, BenchClient client, int clients, double ratePerSecond, Duration warmup,
            Duration duration, String name) throws InterruptedException {
        var recorders = new Recorders(new Recorder(HIGHEST_MICROS, 3), new Recorder(HIGHEST_MICROS, 3),
                new Recorder(HIGHEST_MICROS, 3));
        var counts = new Counts(new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong());
        long warmupStart = System.nanoTime();
        long start = warmupStart + warmup.toNanos();
        long deadline = start + duration.toNanos();
        var done = new CountDownLatch(clients);
        // Open loop: each client's requests are due every `period` ns, the clients staggered across one period.
        long period = ratePerSecond > 0 ? Math.max(1, Math.round(clients * 1e9 / ratePerSecond)) : 0;
        for (int c = 0; c < clients; c++) {
            var random = new SplittableRandom(c * 7919L + warmupStart);
            long firstDue = warmupStart + (period == 0 ? 0 : period * c / clients);
            Thread.ofVirtual().start(() -> {
                try {
                    drive(scenario, client, random, new Schedule(firstDue, period, start, deadline), recorders,
                            counts);
                } finally {
                    done.countDown();
                }
            });
        }
        warmUp(done, start, name);
        var total = new Histogram(HIGHEST_MICROS, 3);
        var admitted = new Histogram(HIGHEST_MICROS, 3);
        var shed = new Histogram(HIGHEST_MICROS, 3);
        var timeline = new ArrayList<Second>();
        long lastCount = 0;
        long lastErrors = 0;
        long lastShed = 0;
        Histogram interval = null;
        while (!done.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
            interval = recorders.all().getIntervalHistogram(interval);
            total.add(interval);
            admitted.add(recorders.admitted().getIntervalHistogram());
            shed.add(recorders.shed().getIntervalHistogram());
            long count = counts.total();
            timeline.add(new Second(timeline.size() + 1, count - lastCount, counts.errors().get() - lastErrors,
                    counts.shed().get() - lastShed, interval.getValueAtPercentile(50) / 1000.0,
                    interval.getValueAtPercentile(99) / 1000.0));
            lastCount = count;
            lastErrors = counts.errors().get();
            lastShed = counts.shed().get();
            Progress.line("[%s] %3ds  %,8d req/s  errors %d  shed %d  p50 %.1f ms  p99 %.1f ms", name,
                    timeline.size(), timeline.getLast().requests(), counts.errors().get(), counts.shed().get(),
                    total.getValueAtPercentile(50) / 1000.0, total.getValueAtPercentile(99) / 1000.0);
        }
        total.add(recorders.all().getIntervalHistogram());
        admitted.add(recorders.admitted().getIntervalHistogram());
        shed.add(recorders.shed().getIntervalHistogram());
        Progress.end();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(counts.ok().get(), counts.intended().get(), counts.shed().get(), counts.errors().get(),
                seconds, total, admitted, shed, timeline);
    }

    /** Latency recorders: every request, the admitted ones (OK and intended refusals), the shed ones. */
    private record Recorders(Recorder all, Recorder admitted, Recorder shed) {
    }

    /** When one client's requests are due: every {@code period} ns from {@code firstDue}, or at once if 0. */
    private record Schedule(long firstDue, long period, long measureFrom, long deadline) {
    }

    private record Counts(AtomicLong ok, AtomicLong intended, AtomicLong shed, AtomicLong errors) {
        long total() {
            return ok.get() + intended.get() + shed.get() + errors.get();
        }
    }

    /** One client: sends as scheduled until the deadline; records what was due after the warm-up. */
    private static void drive(Scenario scenario, BenchClient client, SplittableRandom random, Schedule schedule,
            Recorders recorders, Counts counts) {
        long due = schedule.firstDue();
        while (true) {
            if (schedule.period() == 0) {
                due = System.nanoTime();
            }
            if (due >= schedule.deadline()) {
                return;
            }
            for (long now = System.nanoTime(); now < due; now = System.nanoTime()) {
                LockSupport.parkNanos(due - now);
            }
            long counted = due;
            due += schedule.period();
            var outcome = scenario.call(client, random);
            if (counted < schedule.measureFrom()) {
                continue;
            }
            long micros = Math.min(HIGHEST_MICROS, (System.nanoTime() - counted) / 1_000);
            recorders.all().recordValue(micros);
            switch (outcome) {
                case OK, INTENDED -> recorders.admitted().recordValue(micros);
                case SHED -> recorders.shed().recordValue(micros);
                case ERROR -> { }
            }
            (switch (outcome) {
                case OK -> counts.ok();
                case INTENDED -> counts.intended();
                case SHED -> counts.shed();
                case ERROR -> counts.errors();
            }).incrementAndGet();
        }
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
