package dev.coffer.platform.testclock;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * How far the test clock is ahead of real time, as this node last read it from the database. Kept in memory so that
 * asking the time never touches the database; {@link TestClockStore} refreshes it every half second.
 */
public final class TestClockOffset {

    private volatile long offsetMicros;

    public long offsetMicros() {
        return offsetMicros;
    }

    /** Moves the offset to {@code micros} unless it is already there or further: time never goes back. */
    synchronized void moveForwardTo(long micros) {
        if (micros > offsetMicros) {
            offsetMicros = micros;
        }
    }

    /** {@code base} shifted by this offset. */
    public Clock shift(Clock base) {
        return new Shifted(base, this);
    }

    private static final class Shifted extends Clock {

        private final Clock base;
        private final TestClockOffset offset;

        Shifted(Clock base, TestClockOffset offset) {
            this.base = base;
            this.offset = offset;
        }

        @Override
        public Instant instant() {
            return base.instant().plus(offset.offsetMicros, ChronoUnit.MICROS);
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
}
