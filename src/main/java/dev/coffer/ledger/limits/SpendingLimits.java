package dev.coffer.ledger.limits;

import java.time.Instant;

/**
 * An account's limits as stored: the set in force, and a raised set waiting for its 24 hours (null values: no
 * limit). {@link #asOf} folds a matured raise into the set in force.
 */
record SpendingLimits(Limits current, Limits pending, Instant pendingEffectiveAt) {

    static final SpendingLimits NONE = new SpendingLimits(Limits.NONE, null, null);

    record Limits(Long perTransfer, Long daily, Long monthly) {
        static final Limits NONE = new Limits(null, null, null);
    }

    SpendingLimits asOf(Instant now) {
        if (pending != null && !pendingEffectiveAt.isAfter(now)) {
            return new SpendingLimits(pending, null, null);
        }
        return this;
    }

    /**
     * What {@code requested} makes of these limits at {@code now}: each lowered (or equal) limit applies at once,
     * and if any is raised (a larger value, or none where there was one), the whole requested set waits until
     * {@code raiseAt}, replacing any earlier raise.
     */
    SpendingLimits request(Limits requested, Instant now, Instant raiseAt) {
        var inForce = asOf(now).current;
        var perTransfer = lowered(inForce.perTransfer(), requested.perTransfer());
        var daily = lowered(inForce.daily(), requested.daily());
        var monthly = lowered(inForce.monthly(), requested.monthly());
        var next = new Limits(perTransfer, daily, monthly);
        if (next.equals(requested)) {
            return new SpendingLimits(next, null, null);
        }
        return new SpendingLimits(next, requested, raiseAt);
    }

    /** The limit in force after asking for {@code requested}: the request when it is not a raise, else the old one. */
    private static Long lowered(Long inForce, Long requested) {
        boolean raise = requested == null ? inForce != null : inForce != null && requested > inForce;
        return raise ? inForce : requested;
    }
}
