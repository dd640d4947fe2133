package dev.coffer.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The system clock plus an offset tests can move forward (lockout expiry, token lifetimes), or stopped at one instant
 * for checks to the exact millisecond (a hold's expiry).
 */
public final class MutableClock extends Clock {

    private volatile Duration offset = Duration.ZERO;
    private volatile Instant frozenAt;

    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    /** Stops the clock at {@code instant} until {@link #reset()} (or the next call). */
    public void freezeAt(Instant instant) {
        frozenAt = instant.truncatedTo(ChronoUnit.MICROS);
    }

    public void reset() {
        offset = Duration.ZERO;
        frozenAt = null;
    }

    @Override
    public Instant instant() {
        var frozen = frozenAt;
        return frozen != null ? frozen : Instant.now().plus(offset).truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("Coffer runs on UTC");
    }
}
