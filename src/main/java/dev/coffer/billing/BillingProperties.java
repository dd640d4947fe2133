package dev.coffer.billing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Scheduler settings ({@code coffer.billing.*}): how often each node looks for due work (so a clock advance is acted
 * on within about this long), how many occurrences a node runs at once, and how long a failed run waits to retry.
 */
@ConfigurationProperties("coffer.billing")
public record BillingProperties(
        @DefaultValue("PT1S") Duration pollInterval,
        @DefaultValue("4") int threads,
        @DefaultValue("PT1M") Duration retryAfterError) {

    public BillingProperties {
        if (pollInterval.isNegative() || pollInterval.isZero() || threads < 1 || retryAfterError.isNegative()
                || retryAfterError.isZero()) {
            throw new IllegalArgumentException("coffer.billing: poll-interval, threads, retry-after-error positive");
        }
    }
}
