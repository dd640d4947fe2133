package dev.coffer.billing.scheduling;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SystemClock;
import com.github.kagkarlsson.scheduler.Waiter;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.coffer.billing.BillingProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * db-scheduler on the application's PostgreSQL (table {@code scheduled_tasks}), wired by hand: its Spring Boot
 * starter predates Boot 4. Due times are read from the application's {@link Clock}, so the test clock moves them;
 * every node polls every {@code coffer.billing.poll-interval} and claims due rows with {@code FOR UPDATE SKIP
 * LOCKED}, so each row runs on one node at a time.
 */
@Configuration(proxyBeanMethods = false)
class SchedulerConfig {

    static final Duration SHUTDOWN_MAX_WAIT = Duration.ofSeconds(10);
    static final int MISSED_HEARTBEATS = 4;

    @Bean(destroyMethod = "stop")
    Scheduler scheduler(DataSource dataSource, List<DueWork> works, Clock clock, BillingProperties properties) {
        List<Task<?>> tasks = works.stream().<Task<?>>map(work -> task(work, properties)).toList();
        return new RealTimeWaits(new TransactionAwareDataSourceProxy(dataSource), tasks)
                .clock(clock::instant)
                .threads(properties.threads())
                .pollingInterval(properties.pollInterval())
                // A node killed mid-step leaves its rows picked; another takes them over after this many missed
                // heartbeats (db-scheduler's default is 4 × 5 minutes).
                .heartbeatInterval(properties.heartbeat())
                .missedHeartbeatsLimit(MISSED_HEARTBEATS)
                .pollUsingLockAndFetch(0.5, 1.0)
                .enableImmediateExecution()
                .commitWhenAutocommitDisabled(false)
                // A step is one short transaction; the default (30 minutes) would hold a graceful shutdown hostage.
                .shutdownMaxWait(SHUTDOWN_MAX_WAIT)
                .build();
    }

    /**
     * Starts the scheduler once the application is up; a stop pauses its polling (a context may be stopped and
     * started again, as the test framework does with cached contexts; db-scheduler cannot start twice), and the
     * bean's destruction stops it for good, before the database goes.
     */
    @Bean
    SmartLifecycle schedulerLifecycle(Scheduler scheduler) {
        return new SmartLifecycle() {
            private volatile boolean started;
            private volatile boolean running;

            @Override
            public synchronized void start() {
                if (started) {
                    scheduler.resume();
                } else {
                    scheduler.start();
                    started = true;
                }
                running = true;
            }

            @Override
            public synchronized void stop() {
                running = false;
                scheduler.pause();
            }

            @Override
            public boolean isRunning() {
                return running;
            }
        };
    }

    /**
     * Due times follow the application's clock, but the pause between polls is real time: db-scheduler measures it
     * with its clock too, and a clock set back (tests reset theirs) would otherwise pause polling until real time
     * caught up.
     */
    private static final class RealTimeWaits extends SchedulerBuilder {

        RealTimeWaits(DataSource dataSource, List<Task<?>> tasks) {
            super(dataSource, tasks);
        }

        @Override
        protected Waiter buildWaiter() {
            return new Waiter(poolingInterval, new SystemClock());
        }
    }

    private static Task<Void> task(DueWork work, BillingProperties properties) {
        return Tasks.custom(work.taskName(), Void.class)
                .onFailure(new FailureHandler.OnFailureRetryLater<>(properties.retryAfterError()))
                .onDeadExecutionRevive()
                .execute((instance, context) -> {
                    var next = work.runDue(instance.getId());
                    return (CompletionHandler<Void>) (complete, operations) -> next.ifPresentOrElse(
                            at -> operations.reschedule(complete, at), operations::remove);
                });
    }
}
