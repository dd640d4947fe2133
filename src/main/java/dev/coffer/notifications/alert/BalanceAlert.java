package dev.coffer.notifications.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A line (or two) under or over an account's available balance, with hysteresis: each direction fires once when
 * the balance crosses its line while armed, then waits until the balance has crossed back before it can fire again.
 *
 * @param belowArmed the balance is at or over {@code below}, so going under it fires
 * @param aboveArmed the balance is at or under {@code above}, so going over it fires
 */
public record BalanceAlert(String id, String accountId, String userId, Long below, Long above, boolean belowArmed,
        boolean aboveArmed, Instant createdAt) {

    /** Which line a crossing went through. */
    public enum Direction { BELOW, ABOVE }

    public record Crossing(BalanceAlert alert, Direction direction, long threshold, long available) {
    }

    /** The alert armed as it should be for a balance of {@code available} when it is set. */
    static BalanceAlert armedFor(String id, String accountId, String userId, Long below, Long above, long available,
            Instant now) {
        return new BalanceAlert(id, accountId, userId, below, above, below == null || available >= below,
                above == null || available <= above, now);
    }

    /** Walks the balances an account passed through, in order: the crossings, and the alert's state after them. */
    public Walk walk(List<Long> availableAfterEachChange) {
        var crossings = new ArrayList<Crossing>();
        boolean belowNow = belowArmed;
        boolean aboveNow = aboveArmed;
        for (long available : availableAfterEachChange) {
            if (below != null) {
                if (belowNow && available < below) {
                    crossings.add(new Crossing(this, Direction.BELOW, below, available));
                    belowNow = false;
                } else if (!belowNow && available >= below) {
                    belowNow = true;
                }
            }
            if (above != null) {
                if (aboveNow && available > above) {
                    crossings.add(new Crossing(this, Direction.ABOVE, above, available));
                    aboveNow = false;
                } else if (!aboveNow && available <= above) {
                    aboveNow = true;
                }
            }
        }
        var after = new BalanceAlert(id, accountId, userId, below, above, belowNow, aboveNow, createdAt);
        return new Walk(crossings, after);
    }

    public record Walk(List<Crossing> crossings, BalanceAlert after) {
    }
}
