package dev.coffer.webhooks;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Webhook settings ({@code coffer.webhooks.*}). Retries follow {@code retry-delays} (each ±10 % jitter, the last one
 * repeating) until {@code give-up-after} has passed since the event; then the delivery is failed and can be replayed
 * for as long as events are kept ({@code retention}, 30 days).
 */
@ConfigurationProperties("coffer.webhooks")
public record WebhookProperties(
        @DefaultValue("false") boolean allowPrivateTargets,
        @DefaultValue("PT10S") Duration timeout,
        @DefaultValue({"PT1M", "PT5M", "PT30M", "PT2H", "PT5H", "PT10H"}) List<Duration> retryDelays,
        @DefaultValue("P3D") Duration giveUpAfter,
        @DefaultValue("PT0.5S") Duration pollInterval,
        @DefaultValue("PT1M") Duration lease,
        @DefaultValue("4") int maxInFlightPerEndpoint,
        @DefaultValue("64") int maxInFlight,
        @DefaultValue("PT24H") Duration rotationOverlap,
        @DefaultValue("P30D") Duration retention) {

    public WebhookProperties {
        if (retention.compareTo(giveUpAfter) < 0) {
            throw new IllegalArgumentException("coffer.webhooks.retention must outlast give-up-after");
        }
        if (retryDelays.isEmpty() || maxInFlight < 1 || maxInFlightPerEndpoint < 1) {
            throw new IllegalArgumentException("coffer.webhooks: retry-delays must not be empty, limits positive");
        }
    }

    /** The delay before attempt {@code attempts + 1}, before jitter. */
    public Duration delayAfter(int attempts) {
        return retryDelays.get(Math.min(Math.max(attempts - 1, 0), retryDelays.size() - 1));
    }
}
