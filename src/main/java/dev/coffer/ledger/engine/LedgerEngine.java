package dev.coffer.ledger.engine;

import dev.coffer.ledger.HoldStatus;
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
 *
 * <p>A hold stops counting against available at its expiry, not when the release job gets to it. So before the
 * operations, the engine releases (as expired, through the planner like any release, so the books, the events and
 * the payments that listen to them all see it) the expired holds still pending on the accounts it locked: a transfer
 * can spend money whose hold has just expired.
 */
@Component
public class LedgerEngine {

    /**
     * Bounds the expired holds one transaction releases on the side, so a backlog (the release job stopped for a
     * while) cannot make one transfer slow; the job, or the next transaction, takes the rest.
     */
    static final int MAX_EXPIRED_RELEASES = 100;

    private final LedgerStore store;
    private final SpendingStore spending;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    LedgerEngine(LedgerStore store, SpendingStore spending, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.spending = spending;
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
        var accounts = store.lockAccounts(accountIds, now);
        spending.load(accounts.byId(), now);
        // The operations' own holds are theirs to end (a capture of an expired one is refused, not swept away).
        var expired = store.lockExpiredHolds(accounts.withExpiredHolds(), holds.keySet(), now, MAX_EXPIRED_RELEASES);
        holds.putAll(expired);
        var releases = expired.keySet().stream()
                .<Operation>map(id -> new Operation.ReleaseHold(id, HoldStatus.EXPIRED)).toList();
        var all = new ArrayList<Operation>(releases);
        all.addAll(operations);
        var plan = Planner.plan(all, accounts.byId(), holds, now);
        store.write(plan, now);
        spending.save(accounts.byId());
        if (!plan.events.isEmpty()) {
            events.publishEvent(new LedgerChanges(plan.events, plan.balances));
        }
        if (plan.outcomes.size() != all.size()) {
            throw new IllegalStateException("one outcome per operation: " + all.size() + " operations, "
                    + plan.outcomes.size() + " outcomes");
        }
        return operationOutcomes(plan.outcomes, releases.size());
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Outcome applyOne(Operation operation) {
        return apply(List.of(operation)).getFirst();
    }

    /** The outcomes of the caller's operations, after those of the {@code releases} expired holds put before them. */
    private static List<Outcome> operationOutcomes(List<Outcome> outcomes, int releases) {
        for (var outcome : outcomes.subList(0, releases)) {
            if (!(outcome instanceof Outcome.Applied)) {
                // Locked, pending and expired at `now`: the planner has no reason to refuse the release.
                throw new IllegalStateException("release of an expired hold refused: " + outcome);
            }
        }
        return List.copyOf(outcomes.subList(releases, outcomes.size()));
    }
}
