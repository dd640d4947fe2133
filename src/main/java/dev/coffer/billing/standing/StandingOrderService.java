package dev.coffer.billing.standing;

import dev.coffer.billing.Interval;
import dev.coffer.billing.scheduling.Jobs;
import dev.coffer.ledger.AccountKind;
import dev.coffer.ledger.Ledger;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.Ids;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating, listing and canceling one's standing orders; only the owner sees them (others get 404). */
@Service
class StandingOrderService {

    /** A start a little in the past is taken as "now" (clocks differ); earlier is refused. */
    static final Duration START_TOLERANCE = Duration.ofMinutes(5);
    static final Duration FURTHEST_START = Duration.ofDays(3660);
    static final int MAX_COUNT = 1000;

    private final StandingOrderRepository orders;
    private final Ledger ledger;
    private final Jobs jobs;
    private final StandingOrderRunner runner;
    private final Clock clock;

    StandingOrderService(StandingOrderRepository orders, Ledger ledger, Jobs jobs, StandingOrderRunner runner,
            Clock clock) {
        this.orders = orders;
        this.ledger = ledger;
        this.jobs = jobs;
        this.runner = runner;
        this.clock = clock;
    }

    record NewOrder(String fromAccountId, String toAccountId, long amount, String currency, String description,
            java.time.Instant startAt, String interval, Integer count) {
    }

    @Transactional
    StandingOrder create(String userId, NewOrder request) {
        var from = ledger.account(request.fromAccountId()).filter(a -> userId.equals(a.ownerId()))
                .orElseThrow(() -> ApiException.notFound("Account " + request.fromAccountId()));
        var to = ledger.account(request.toAccountId()).filter(a -> a.kind() != AccountKind.SYSTEM)
                .orElseThrow(() -> ApiException.notFound("Account " + request.toAccountId()));
        if (from.id().equals(to.id())) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "same_account",
                    "A standing order needs two different accounts");
        }
        if (!from.currency().code().equals(request.currency()) || !to.currency().code().equals(request.currency())) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "currency_mismatch",
                    "Both accounts must be in " + request.currency());
        }
        Interval interval = null;
        if (request.interval() != null) {
            interval = Interval.fromWord(request.interval())
                    .orElseThrow(() -> invalid("interval is one of day, week, month, year"));
        }
        if (interval == null && request.count() != null && request.count() != 1) {
            throw invalid("A one-off order (no interval) runs once: leave count out or give 1");
        }
        var now = clock.instant();
        if (request.startAt().isBefore(now.minus(START_TOLERANCE))) {
            throw invalid("startAt is in the past");
        }
        if (request.startAt().isAfter(now.plus(FURTHEST_START))) {
            throw invalid("startAt is more than ten years ahead");
        }
        if (orders.activeCount(userId) >= StandingOrderRepository.MAX_ACTIVE_PER_USER) {
            throw new ApiException(HttpStatus.CONFLICT, "too_many_schedules",
                    "At most " + StandingOrderRepository.MAX_ACTIVE_PER_USER + " active standing orders; cancel one");
        }
        var count = interval == null ? Integer.valueOf(1) : request.count();
        var order = new StandingOrder(Ids.newId("st"), userId, from.id(), to.id(), request.amount(),
                request.currency(), request.description(), request.startAt(), interval, count, StandingOrder.ACTIVE,
                0, request.startAt(), now);
        orders.insert(order);
        jobs.runAt(runner, order.id(), order.startAt());
        return order;
    }

    List<StandingOrder> list(String userId) {
        return orders.ofOwner(userId);
    }

    /**
     * Cancels the order (a finished or canceled one stays as it is): no run starts after this commits, and a run in
     * progress holds the row's lock until it is done. Its scheduled row removes itself when it next comes up.
     */
    @Transactional
    StandingOrder cancel(String userId, String id) {
        owned(userId, id);
        orders.lock(id);
        orders.cancel(id, clock.instant());
        return orders.find(id).orElseThrow();
    }

    List<StandingOrderRepository.Run> runs(String userId, String id) {
        owned(userId, id);
        return orders.runs(id);
    }

    private StandingOrder owned(String userId, String id) {
        return orders.find(id).filter(order -> userId.equals(order.ownerId()))
                .orElseThrow(() -> ApiException.notFound("Scheduled transfer"));
    }

    private static ApiException invalid(String detail) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid_schedule", detail);
    }
}
