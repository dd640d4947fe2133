package dev.coffer.ledger.engine;

import dev.coffer.ledger.Refusal;
import dev.coffer.ledger.TransferKind;

/**
 * An account's spending limits in force and what it has spent so far in the current UTC day and month, loaded under
 * the account lock and kept running by the planner: transfers of one batch (or of batches that queue on the lock)
 * are checked against the sum of everything before them, so no interleaving lets two of them pass a limit together.
 * Spending is what the owner sends: transfers and payments (holds count from when they are placed).
 */
final class Spending {

    static final long NO_LIMIT = Long.MAX_VALUE;

    final long perTransfer;
    final long daily;
    final long monthly;
    long spentToday;
    long spentThisMonth;

    Spending(long perTransfer, long daily, long monthly, long spentToday, long spentThisMonth) {
        this.perTransfer = perTransfer;
        this.daily = daily;
        this.monthly = monthly;
        this.spentToday = spentToday;
        this.spentThisMonth = spentThisMonth;
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
        if (account.spending != null) {
            account.spending.spentToday = Math.addExact(account.spending.spentToday, amount);
            account.spending.spentThisMonth = Math.addExact(account.spending.spentThisMonth, amount);
        }
    }

    private static Outcome.Refused refused(String which, long limit) {
        return Outcome.refused(Refusal.LIMIT_EXCEEDED,
                "This would pass " + which + " of the source account (" + limit + " minor units)");
    }
}
