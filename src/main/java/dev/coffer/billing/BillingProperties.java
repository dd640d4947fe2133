package dev.coffer.billing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Scheduler settings ({@code coffer.billing.*}): how often each node looks for due work (so a clock advance is acted
 * on within about this long), how many occurrences a node runs at once, how long a failed run waits to retry, and
 * how often a node marks the work it is running as alive (work of a node silent for 4 beats is taken over).
 */
@ConfigurationProperties("coffer.billing")
public record BillingProperties(
        @DefaultValue("PT1S") Duration pollInterval,
        @DefaultValue("4") int threads,
        @DefaultValue("PT1M") Duration retryAfterError,
        @DefaultValue("PT5S") Duration heartbeat) {

    public BillingProperties {
        if (pollInterval.isNegative() || pollInterval.isZero() || threads < 1 || retryAfterError.isNegative()
                || retryAfterError.isZero() || heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("coffer.billing: poll-interval, threads, retry-after-error, heartbeat positive");
        }
    }
}
