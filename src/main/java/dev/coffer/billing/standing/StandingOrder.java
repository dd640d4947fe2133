package dev.coffer.billing.standing;

import dev.coffer.billing.Interval;
import java.time.Instant;
import java.util.Optional;

/** A standing order as stored: a transfer at {@code startAt}, then every {@code interval}, {@code count} times. */
record StandingOrder(String id, String ownerId, String fromAccountId, String toAccountId, long amount,
        String currency, String description, Instant startAt, Interval interval, Integer count, String status,
        int runsDone, Instant nextRunAt, Instant createdAt) {

    static final String ACTIVE = "active";
    static final String COMPLETED = "completed";
    static final String CANCELED = "canceled";

    /** When occurrence {@code n} (0 = the first) is due; empty past the last one. */
    Optional<Instant> dueAt(int n) {
        if (count != null && n >= count) {
            return Optional.empty();
        }
        if (interval == null) {
            return n == 0 ? Optional.of(startAt) : Optional.empty();
        }
        return Optional.of(interval.occurrence(startAt, 1, n));
    }
}
