package dev.coffer.platform;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Admission control for the JSON API ({@code coffer.http.admission.*}): at most {@code maxInFlight} {@code /api}
 * requests are worked on at once; one more waits at most {@code maxWait} for a slot, else it is answered 503
 * {@code server_busy} with {@code Retry-After: retryAfter} at once, instead of queueing behind work the server
 * cannot finish in time. Sized for two cores: 64 in flight keep the group-commit batches full (a transfer waits on
 * its batch, not on a CPU) while the admitted requests' latency stays near 64 / throughput.
 */
@ConfigurationProperties("coffer.http.admission")
public record AdmissionProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("64") int maxInFlight,
        @DefaultValue("5ms") Duration maxWait,
        @DefaultValue("1s") Duration retryAfter) {

    public AdmissionProperties {
        if (maxInFlight < 1 || maxWait.isNegative() || retryAfter.isNegative()) {
            throw new IllegalArgumentException("coffer.http.admission: max-in-flight >= 1, durations >= 0");
        }
    }
}
