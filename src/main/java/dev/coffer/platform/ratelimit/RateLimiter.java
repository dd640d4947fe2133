package dev.coffer.platform.ratelimit;

import dev.coffer.platform.Db;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Fixed-window rate limits counted in PostgreSQL, so every node sees the same counts. One upsert per attempt.
 */
@Component
public class RateLimiter {

    private static final Duration KEEP_WINDOWS = Duration.ofDays(1);

    private final JdbcClient jdbc;
    private final Clock clock;

    RateLimiter(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Counts one hit against {@code bucket}. Returns how long to wait when this hit is over {@code limit} for the
     * current window, or empty when it is allowed.
     */
    public Optional<Duration> hit(String bucket, int limit, Duration window) {
        if (limit <= 0 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("bad rate limit " + limit + "/" + window);
        }
        var now = clock.instant();
        var windowStart = windowStart(now, window);
        int hits = jdbc.sql(HIT)
                .param("bucket", bucket)
                .param("start", Db.at(windowStart))
                .query(Integer.class)
                .single();
        return verdict(hits, limit, now, window);
    }

    /**
     * Counts one hit against {@code :bucket} in the window starting at {@code :start}; returns {@code hits}. Public
     * for a caller that folds it into a larger statement (the login's one round trip) as a CTE.
     */
    public static final String HIT = """
            INSERT INTO rate_limit_windows (bucket, window_start, hits) VALUES (:bucket, :start, 1)
            ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit_windows.hits + 1
            RETURNING hits
            """;

    /** The start of the fixed window {@code now} falls in. */
    public static Instant windowStart(Instant now, Duration window) {
        long windowMillis = window.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), windowMillis) * windowMillis);
    }

    /** Empty when {@code hits} is within {@code limit}, else how long until the window ends. */
    public static Optional<Duration> verdict(int hits, int limit, Instant now, Duration window) {
        if (hits <= limit) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, windowStart(now, window).plus(window)));
    }

    /** Old windows are useless; any node may delete them (the statement is idempotent). */
    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    void deleteOldWindows() {
        jdbc.sql("DELETE FROM rate_limit_windows WHERE window_start < :cutoff")
                .param("cutoff", Db.at(clock.instant().minus(KEEP_WINDOWS)))
                .update();
    }
}
