package dev.coffer.notifications.stream;

import java.util.Optional;

/**
 * A position in the user event outbox: the writing transaction's id, then the row's sequence. Rows are read in this
 * order and only once their transaction has ended, so the cursor only moves forward and never passes a row that is
 * still to commit. On the wire (the SSE {@code id:} and {@code Last-Event-ID}) it reads {@code <xid>-<seq>}.
 */
public record EventCursor(long xid, long seq) implements Comparable<EventCursor> {

    public static final EventCursor START = new EventCursor(0, 0);
    private static final int MAX_WIRE_CHARS = 41;

    public static Optional<EventCursor> parse(String wire) {
        if (wire == null || wire.isEmpty() || wire.length() > MAX_WIRE_CHARS) {
            return Optional.empty();
        }
        int dash = wire.indexOf('-');
        try {
            var cursor = new EventCursor(Long.parseLong(wire.substring(0, dash)), Long.parseLong(wire.substring(dash + 1)));
            return cursor.xid() >= 0 && cursor.seq() >= 0 ? Optional.of(cursor) : Optional.empty();
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    public String wire() {
        return xid + "-" + seq;
    }

    @Override
    public int compareTo(EventCursor other) {
        int byXid = Long.compare(xid, other.xid);
        return byXid != 0 ? byXid : Long.compare(seq, other.seq);
    }
}
