package dev.coffer.billing.scheduling;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import java.time.Instant;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Puts work on the persistent scheduler. Called inside the caller's transaction, the row commits with the object it
 * runs for (the scheduler writes through a transaction-aware DataSource), so a crash never leaves one without the
 * other.
 */
@Component
public class Jobs {

    private final ObjectProvider<Scheduler> scheduler;

    Jobs(ObjectProvider<Scheduler> scheduler) {
        this.scheduler = scheduler;
    }

    /** Runs {@code work} for {@code id} at {@code at} (or moves it there if it is already scheduled). */
    public void runAt(DueWork work, String id, Instant at) {
        var client = scheduler.getObject();
        if (!client.scheduleIfNotExists(new TaskInstance<Void>(work.taskName(), id), at)) {
            client.reschedule(TaskInstanceId.of(work.taskName(), id), at);
        }
    }
}
