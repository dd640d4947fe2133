package dev.coffer.cli.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Matches each acknowledged transfer with its {@code transfer.received} event on the receiver's stream, on this
 * JVM's one clock: commit → screen is the 201's arrival to the event's arrival (the event is written in the
 * ledger's transaction and can reach its stream before the 201 reaches its sender: such events count as 0 and are
 * counted apart), send → screen from the moment the transfer was sent. Whichever of the two arrives second closes
 * the match. Counts every event received during the measurement, by type, for the fan-out rate.
 */
final class Deliveries {

    private static final long HIGHEST_MICROS = 60_000_000L;

    /** What is known of a transfer so far: its send and 201 times, or its event's arrival. */
    private record Seen(long sentNanos, long ackNanos, long eventNanos) {
    }

    private final Map<String, Seen> open = new ConcurrentHashMap<>();
    private final Histogram commitToScreen = new ConcurrentHistogram(HIGHEST_MICROS, 3);
    private final Histogram sendToScreen = new ConcurrentHistogram(HIGHEST_MICROS, 3);
    private final LongAdder beforeTheirAck = new LongAdder();
    private final LongAdder acknowledged = new LongAdder();
    private final Map<String, LongAdder> eventsByType = new ConcurrentHashMap<>();
    private volatile long measureFromNanos = Long.MAX_VALUE;
    private volatile long measureUntilNanos = Long.MAX_VALUE;

    /** Counts what is sent and arrives between these two moments (the measurement, after the warm-up). */
    void measureBetween(long fromNanos, long untilNanos) {
        measureFromNanos = fromNanos;
        measureUntilNanos = untilNanos;
    }

    boolean measuring(long nanos) {
        return nanos >= measureFromNanos && nanos < measureUntilNanos;
    }

    /** A transfer sent at {@code sentNanos} was answered 201 at {@code ackNanos}; only measured ones are matched. */
    void acknowledged(String transferId, long sentNanos, long ackNanos) {
        if (!measuring(sentNanos)) {
            return;
        }
        acknowledged.increment();
        var seen = open.merge(transferId, new Seen(sentNanos, ackNanos, 0), (event, ack) -> new Seen(
                ack.sentNanos(), ack.ackNanos(), event.eventNanos()));
        if (seen.eventNanos() != 0) {
            matched(transferId, seen);
        }
    }

    /** A stream received an event. */
    void event(String type, String transferId, long arrivalNanos) {
        if (measuring(arrivalNanos)) {
            eventsByType.computeIfAbsent(type, t -> new LongAdder()).increment();
        }
        if (transferId == null) {
            return;
        }
        var seen = open.merge(transferId, new Seen(0, 0, arrivalNanos), (ack, event) -> new Seen(ack.sentNanos(),
                ack.ackNanos(), event.eventNanos()));
        if (seen.ackNanos() != 0 && seen.eventNanos() != 0) {
            matched(transferId, seen);
        }
    }

    private void matched(String transferId, Seen seen) {
        if (open.remove(transferId) == null) {
            return;
        }
        long commitToScreenNanos = seen.eventNanos() - seen.ackNanos();
        if (commitToScreenNanos < 0) {
            beforeTheirAck.increment();
        }
        commitToScreen.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, commitToScreenNanos) / 1_000));
        sendToScreen.recordValue(Math.min(HIGHEST_MICROS, (seen.eventNanos() - seen.sentNanos()) / 1_000));
    }

    long acknowledged() {
        return acknowledged.sum();
    }

    long matched() {
        return commitToScreen.getTotalCount();
    }

    /** Measured transfers whose event has not arrived (yet). */
    long unmatched() {
        return open.values().stream().filter(seen -> seen.ackNanos() != 0).count();
    }

    long beforeTheirAck() {
        return beforeTheirAck.sum();
    }

    Histogram commitToScreen() {
        return commitToScreen;
    }

    Histogram sendToScreen() {
        return sendToScreen;
    }

    Map<String, Long> eventsByType() {
        var out = new java.util.TreeMap<String, Long>();
        eventsByType.forEach((type, count) -> out.put(type, count.sum()));
        return out;
    }

    long events() {
        return eventsByType.values().stream().mapToLong(LongAdder::sum).sum();
    }
}
