package dev.coffer.ledger.engine;

import dev.coffer.ledger.Refusal;
import dev.coffer.ledger.TransferKind;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * An account's spending limits in force and what it has spent in the current UTC day and month, loaded right after
 * the account lock and kept running by the planner: transfers of one batch (or of batches that queue on the lock)
 * are checked against the sum of everything before them, so no interleaving lets two of them pass a limit together.
 * Spending is what the owner sends: transfers and payments, a hold from when it is placed (what it does not capture
 * is given back when it ends, if it was placed the same day or month). Saved in the same transaction.
 */
final class Spending {

    static final long NO_LIMIT = Long.MAX_VALUE;

    final long perTransfer;
    final long daily;
    final long monthly;
    LocalDate day;
    long spentToday;
    LocalDate month;
    long spentThisMonth;
    /** Changed since loaded: to be saved. */
    boolean changed;

    Spending(long perTransfer, long daily, long monthly) {
        this.perTransfer = perTransfer;
        this.daily = daily;
        this.monthly = monthly;
    }

    Spending copy() {
        var copy = new Spending(perTransfer, daily, monthly);
        copy.day = day;
        copy.spentToday = spentToday;
        copy.month = month;
        copy.spentThisMonth = spentThisMonth;
        copy.changed = changed;
        return copy;
    }

    static LocalDate dayOf(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    static LocalDate monthOf(Instant instant) {
        return dayOf(instant).withDayOfMonth(1);
    }

    /** Sets what was spent as stored for {@code day} and {@code month}, starting afresh in a new day or month. */
    void load(LocalDate storedDay, long storedToday, LocalDate storedMonth, long storedMonthTotal, Instant now) {
        day = dayOf(now);
        month = monthOf(now);
        spentToday = day.equals(storedDay) ? storedToday : 0;
        spentThisMonth = month.equals(storedMonth) ? storedMonthTotal : 0;
        changed = !day.equals(storedDay) || !month.equals(storedMonth);
    }

    static boolean counts(TransferKind kind) {
        return kind == TransferKind.TRANSFER || kind == TransferKind.PAYMENT;
    }

    /** The refusal if spending {@code amount} from {@code account} would pass one of its limits, else null. */
    static Outcome.Refused check(AccountState account, long amount) {
        var spending = account.spending;
        if (spending == null) {
            return null;
        }
        if (amount > spending.perTransfer) {
            return refused("the per-transfer limit", spending.perTransfer);
        }
        if (amount > spending.daily - spending.spentToday) {
            return refused("today's limit", spending.daily);
        }
        if (amount > spending.monthly - spending.spentThisMonth) {
            return refused("this month's limit", spending.monthly);
        }
        return null;
    }

    /** Counts an applied spend, so the operations after it in the batch see it. */
    static void record(AccountState account, long amount) {
        var spending = account.spending;
        if (spending != null) {
            spending.spentToday = Math.addExact(spending.spentToday, amount);
            spending.spentThisMonth = Math.addExact(spending.spentThisMonth, amount);
            spending.changed = true;
        }
    }

    /** Gives back the part of a hold placed at {@code placedAt} that was not spent after all (released or not captured). */
    static void giveBack(AccountState account, long amount, Instant placedAt) {
        var spending = account.spending;
        if (spending == null || amount == 0) {
            return;
        }
        if (spending.day.equals(dayOf(placedAt))) {
            spending.spentToday = Math.max(0, spending.spentToday - amount);
            spending.changed = true;
        }
        if (spending.month.equals(monthOf(placedAt))) {
            spending.spentThisMonth = Math.max(0, spending.spentThisMonth - amount);
            spending.changed = true;
        }
    }

    private static Outcome.Refused refused(String which, long limit) {
        return Outcome.refused(Refusal.LIMIT_EXCEEDED,
                "This would pass " + which + " of the source account (" + limit + " minor units)");
    }
}
