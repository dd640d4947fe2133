package dev.coffer.platform.testclock;

import dev.coffer.platform.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAmount;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The test clock's offset in PostgreSQL ({@code test_clock}): read at start, re-read every half second so every node
 * of a cluster follows an advance made on any of them, and moved forward by {@link #advance}. Inert unless
 * {@code coffer.test-clock=true}: a run-time switch, not a conditional bean (the jar's bean set is fixed at build
 * time by Spring AOT).
 */
@Component
public class TestClockStore implements AutoCloseable {

    static final long REFRESH_MILLIS = 500;
    /** Far enough for any test of yearly plans; keeps times inside what PostgreSQL and the API write. */
    static final Instant LATEST = Instant.parse("2999-12-31T00:00:00Z");
    private static final Logger log = LoggerFactory.getLogger(TestClockStore.class);

    private final JdbcClient jdbc;
    private final TestClockOffset offset;
    private final Clock clock;
    private final ScheduledExecutorService refresher;

    TestClockStore(JdbcClient jdbc, TestClockOffset offset, Clock clock, Environment environment) {
        this.jdbc = jdbc;
        this.offset = offset;
        this.clock = clock;
        if (!environment.getProperty("coffer.test-clock", Boolean.class, false)) {
            refresher = null;
            return;
        }
        refresh();
        log.warn("THE TEST CLOCK IS ON (coffer.test-clock=true): admins can move this server's time forward with "
                + "POST /api/v1/admin/test-clock. Never run a real bank like this. The clock is {} ahead now.",
                java.time.Duration.of(offset.offsetMicros(), ChronoUnit.MICROS));
        refresher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("test-clock")
                .factory());
        refresher.scheduleWithFixedDelay(this::refreshQuietly, REFRESH_MILLIS, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** True when started with {@code coffer.test-clock=true}. */
    public boolean enabled() {
        return refresher != null;
    }

    /** The time now, as the application sees it. */
    public Instant now() {
        return clock.instant();
    }

    /**
     * Moves the clock forward by {@code amount} (a period such as {@code P1M} counts calendar months from now) and
     * answers the new time. Refused with 422 {@code invalid_advance} unless it moves time forward, to before 3000.
     */
    public Instant advance(TemporalAmount amount) {
        var now = clock.instant();
        Instant target;
        try {
            target = now.atOffset(ZoneOffset.UTC).plus(amount).toInstant();
        } catch (java.time.DateTimeException | ArithmeticException e) {
            throw invalid("That advance goes past what the clock can show");
        }
        if (!target.isAfter(now)) {
            throw invalid("The test clock only moves forward: give a positive period or duration");
        }
        if (target.isAfter(LATEST)) {
            throw invalid("The test clock stops at " + LATEST);
        }
        long deltaMicros = ChronoUnit.MICROS.between(now, target);
        long stored = jdbc.sql("""
                UPDATE test_clock SET offset_micros = offset_micros + :delta, updated_at = now()
                RETURNING offset_micros""").param("delta", deltaMicros).query(Long.class).single();
        offset.moveForwardTo(stored);
        log.info("Test clock advanced by {} to {}", amount, clock.instant());
        return clock.instant();
    }

    private void refresh() {
        offset.moveForwardTo(jdbc.sql("SELECT offset_micros FROM test_clock").query(Long.class).single());
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.debug("Test clock refresh failed; keeping the last offset", e);
        }
    }

    private static ApiException invalid(String detail) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid_advance", detail);
    }

    @Override
    public void close() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }
}
