package dev.coffer.billing.standing;

import dev.coffer.billing.StandingOrderRunRefused;
import dev.coffer.billing.scheduling.DueWork;
import dev.coffer.ledger.Ledger;
import dev.coffer.ledger.LedgerResult;
import dev.coffer.ledger.TransferKind;
import dev.coffer.platform.CurrencyCode;
import dev.coffer.platform.Ids;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a standing order's due occurrences, one transaction each: lock the order, claim occurrence n by its key
 * (order id + n, the primary key of its run row), post the transfer through the ledger, record the run (posted, or
 * failed with the ledger's code, and the owner told by a {@link StandingOrderRunRefused}: the order goes on), advance
 * the order. A retry, a revived execution or a second
 * node finds the occurrence claimed and moves nothing. After a clock jump it catches up, one occurrence at a time.
 */
@Component
class StandingOrderRunner implements DueWork {

    static final String TASK = "scheduled-transfer";
    /** Occurrences one execution posts before it hands the thread back (it is rescheduled at once for the rest). */
    static final int MAX_PER_EXECUTION = 100;
    private static final Logger log = LoggerFactory.getLogger(StandingOrderRunner.class);

    private final StandingOrderRepository orders;
    private final Ledger ledger;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    StandingOrderRunner(StandingOrderRepository orders, Ledger ledger, TransactionTemplate transactions,
            ApplicationEventPublisher events, Clock clock) {
        this.orders = orders;
        this.ledger = ledger;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public String taskName() {
        return TASK;
    }

    @Override
    public Optional<Instant> runDue(String id) {
        return DueWork.catchUp(transactions, clock, MAX_PER_EXECUTION, () -> runOne(id));
    }

    /** One occurrence, if one is due: answers when the next is due (empty when the order is over). */
    private Optional<Instant> runOne(String id) {
        var order = orders.lock(id).orElse(null);
        if (order == null || !StandingOrder.ACTIVE.equals(order.status())) {
            return Optional.empty();
        }
        int occurrence = order.runsDone();
        var due = order.dueAt(occurrence).orElse(null);
        var now = clock.instant();
        if (due == null) {
            orders.advance(id, occurrence, null);
            return Optional.empty();
        }
        if (due.isAfter(now)) {
            return Optional.of(due);
        }
        var transferId = Ids.newId("tr");
        var result = ledger.transfer(transferId, TransferKind.TRANSFER, order.fromAccountId(), order.toAccountId(),
                order.amount(), CurrencyCode.of(order.currency()),
                order.description() == null ? "Standing order" : order.description(), order.ownerId(),
                id + "/" + occurrence);
        boolean claimed = switch (result) {
            case LedgerResult.Done done -> orders.claimRun(id, occurrence, due, now, "posted",
                    done.transferId().orElse(transferId), null);
            case LedgerResult.Refused refused -> orders.claimRun(id, occurrence, due, now, "failed", null,
                    refused.refusal().code());
        };
        if (!claimed) {
            // Only possible without the row lock (a bug): undo this transfer with the transaction.
            throw new IllegalStateException("occurrence " + occurrence + " of " + id + " was claimed twice");
        }
        var next = order.dueAt(occurrence + 1).orElse(null);
        if (result instanceof LedgerResult.Refused refused) {
            log.info("Standing order {} occurrence {} refused: {}", id, occurrence, refused.refusal().code());
            events.publishEvent(new StandingOrderRunRefused(order.ownerId(), id, occurrence, order.fromAccountId(),
                    order.toAccountId(), order.amount(), order.currency(), order.description(),
                    refused.refusal().code(), due, next));
        }
        orders.advance(id, occurrence + 1, next);
        return Optional.ofNullable(next);
    }
}
