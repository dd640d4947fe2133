package dev.coffer.billing.scheduling;

import java.time.Instant;
import java.util.Optional;

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
}
