package dev.coffer.billing.scheduling;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Work the scheduler runs for one object (a standing order, a subscription) when it is due. It must be safe to run
 * twice or on two nodes at once: each occurrence is claimed under a deterministic key in the transaction that moves
 * its money, so a second run finds it done.
 */
public interface DueWork {

    /** The scheduler's task name: stable, it is stored with every scheduled row. */
    String taskName();

    /** Runs everything of {@code id} that is due now; answers when to come back, or empty when there is no more. */
    Optional<Instant> runDue(String id);

    /**
     * Catches up: runs {@code step} (each in its own transaction) while it says the next step is already due, at
     * most {@code maxSteps} times, so a long backlog hands the scheduler thread back and is rescheduled at once.
     * Answers when to come back, or empty when there is no more.
     */
    static Optional<Instant> catchUp(TransactionTemplate transactions, Clock clock, int maxSteps,
            Supplier<Optional<Instant>> step) {
        Optional<Instant> next = Optional.empty();
        for (int i = 0; i < maxSteps; i++) {
            next = transactions.execute(status -> step.get());
            if (next == null || next.isEmpty() || next.get().isAfter(clock.instant())) {
                return next == null ? Optional.empty() : next;
            }
        }
        return next;
    }
}
