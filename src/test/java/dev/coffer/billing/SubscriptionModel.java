package dev.coffer.billing;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one subscription should be, written from the contract (shared/API.md) and not from the code: period k runs
 * from the anchor plus k intervals to the anchor plus k+1 (calendar arithmetic from the anchor, so Jan 31 + 1 month
 * is Feb 28 or 29 and + 2 months Mar 31); at each period's end the next period is charged once from the customer's
 * balance; refused, the subscription is {@code past_due} and the open invoice is retried 1, 3 and 5 days after that
 * period's start; refused on day 5, it is {@code uncollectible} and the subscription {@code canceled}. A customer's
 * cancel takes effect at the end of the period, a merchant's at once (the open invoice of a past-due subscription is
 * then {@code uncollectible}). The customer's balance changes only by the model's own charges, deposits and drains.
 */
final class SubscriptionModel {

    static final List<Duration> RETRIES = List.of(Duration.ofDays(1), Duration.ofDays(3), Duration.ofDays(5));

    /** One period's invoice as the model expects it. */
    static final class Bill {
        final int period;
        String status;
        int attempts;

        Bill(int period, String status, int attempts) {
            this.period = period;
            this.status = status;
            this.attempts = attempts;
        }

        @Override
        public String toString() {
            return period + ":" + status + "/" + attempts;
        }
    }

    final String id;
    final String accountId;
    final String interval;
    final int intervalCount;
    final long amount;
    final Instant anchor;
    String status = "active";
    int period;
    boolean cancelAtPeriodEnd;
    long balance;
    /** How often a retry paid an open invoice (a past-due subscription became active again): for the summary. */
    int paidOnRetry;
    final List<Bill> bills = new ArrayList<>();

    SubscriptionModel(String id, String accountId, String interval, int intervalCount, long amount, Instant anchor,
            long balanceAfterCheckout) {
        this.id = id;
        this.accountId = accountId;
        this.interval = interval;
        this.intervalCount = intervalCount;
        this.amount = amount;
        this.anchor = anchor;
        this.balance = balanceAfterCheckout;
        bills.add(new Bill(0, "paid", 1));
    }

    /** The start of period {@code k}: always counted from the anchor, never from the previous period. */
    Instant periodStart(int k) {
        var at = anchor.atOffset(ZoneOffset.UTC);
        long steps = (long) intervalCount * k;
        var start = switch (interval) {
            case "day" -> at.plusDays(steps);
            case "week" -> at.plusWeeks(steps);
            case "month" -> at.plusMonths(steps);
            case "year" -> at.plusYears(steps);
            default -> throw new IllegalArgumentException(interval);
        };
        return start.toInstant();
    }

    /** When the model next acts on its own (a renewal, a cancel at the period's end, a retry); empty when over. */
    Optional<Instant> nextDue() {
        return switch (status) {
            case "active" -> Optional.of(periodStart(period + 1));
            case "past_due" -> Optional.of(periodStart(period).plus(RETRIES.get(current().attempts - 1)));
            default -> Optional.empty();
        };
    }

    /** Everything due up to {@code now}, in order. */
    void advanceTo(Instant now) {
        while (nextDue().filter(due -> !now.isBefore(due)).isPresent()) {
            if (status.equals("active")) {
                renew();
            } else {
                retry();
            }
        }
    }

    private void renew() {
        if (cancelAtPeriodEnd) {
            status = "canceled";
            return;
        }
        period++;
        if (balance >= amount) {
            balance -= amount;
            bills.add(new Bill(period, "paid", 1));
        } else {
            bills.add(new Bill(period, "open", 1));
            status = "past_due";
        }
    }

    private void retry() {
        var bill = current();
        bill.attempts++;
        if (balance >= amount) {
            balance -= amount;
            bill.status = "paid";
            status = "active";
            paidOnRetry++;
        } else if (bill.attempts > RETRIES.size()) {
            bill.status = "uncollectible";
            status = "canceled";
        }
    }

    Bill current() {
        return bills.getLast();
    }

    /** The customer's cancel: 409 once canceled; else the subscription runs to the end of its period. */
    boolean cancelAtPeriodEnd() {
        if (status.equals("canceled")) {
            return false;
        }
        cancelAtPeriodEnd = true;
        return true;
    }

    /** The merchant's cancel: 409 once canceled; else canceled now, and an open invoice is uncollectible. */
    boolean cancelNow() {
        if (status.equals("canceled")) {
            return false;
        }
        if (status.equals("past_due")) {
            current().status = "uncollectible";
        }
        status = "canceled";
        return true;
    }

    long paidTotal() {
        return bills.stream().filter(b -> b.status.equals("paid")).count() * amount;
    }

    @Override
    public String toString() {
        return id + " every " + intervalCount + " " + interval + " from " + anchor + " at " + amount + ": " + status
                + ", period " + period + (cancelAtPeriodEnd ? ", cancel at period end" : "") + ", balance " + balance
                + ", bills " + bills;
    }
}
