package dev.coffer.ledger.engine;

import dev.coffer.ledger.LedgerChanges;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies operations inside the caller's transaction: lock the holds, then the accounts they touch (each set in id
 * order), plan in memory, write everything with a handful of statements, publish what happened. Used for a
 * group-commit batch of transfers and for a single payment step alike.
 */
@Component
public class LedgerEngine {

    private final LedgerStore store;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    LedgerEngine(LedgerStore store, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public List<Outcome> apply(List<Operation> operations) {
        if (operations.isEmpty()) {
            return List.of();
        }
        var now = clock.instant();
        var holds = store.lockHolds(new TreeSet<>(operations.stream().flatMap(o -> o.existingHoldId().stream()).toList()));
        var accountIds = new TreeSet<String>();
        operations.forEach(o -> accountIds.addAll(o.accountIds()));
        holds.values().forEach(h -> {
            accountIds.add(h.accountId());
            accountIds.add(h.toAccountId());
        });
        var accounts = store.lockAccounts(accountIds);
        var plan = Planner.plan(operations, accounts, holds, now);
        store.write(plan, now);
        if (!plan.events.isEmpty()) {
            events.publishEvent(new LedgerChanges(new ArrayList<>(plan.events)));
        }
        return plan.outcomes;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Outcome applyOne(Operation operation) {
        return apply(List.of(operation)).getFirst();
    }
}
