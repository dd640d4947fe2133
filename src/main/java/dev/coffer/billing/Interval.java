package dev.coffer.billing;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;

/**
 * How often something repeats: {@code day}, {@code week}, {@code month} or {@code year}. Occurrence {@code n} is
 * counted from the anchor, not from the previous occurrence, as Stripe does: Jan 31 + 1 month is Feb 28 (29 in a leap
 * year), + 2 months Mar 31, never drifting to the 28th.
 */
public enum Interval {
    DAY, WEEK, MONTH, YEAR;

    /** The {@code n}-th occurrence (0 = the anchor itself) of every {@code count} intervals after {@code anchor}. */
    public Instant occurrence(Instant anchor, int count, long n) {
        var start = anchor.atOffset(ZoneOffset.UTC);
        long steps = Math.multiplyExact((long) count, n);
        var at = switch (this) {
            case DAY -> start.plusDays(steps);
            case WEEK -> start.plusWeeks(steps);
            case MONTH -> start.plusMonths(steps);
            case YEAR -> start.plusYears(steps);
        };
        return at.toInstant();
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Interval> fromWord(String word) {
        for (var interval : values()) {
            if (interval.word().equals(word)) {
                return Optional.of(interval);
            }
        }
        return Optional.empty();
    }
}
