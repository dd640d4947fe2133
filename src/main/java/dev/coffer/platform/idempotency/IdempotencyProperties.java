package dev.coffer.platform.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Idempotency settings ({@code coffer.idempotency.*}): how long keys are kept (the contract says at least 24 h). */
@ConfigurationProperties("coffer.idempotency")
public record IdempotencyProperties(@DefaultValue("P3D") Duration retention) {

    public IdempotencyProperties {
        if (retention.compareTo(Duration.ofHours(24)) < 0) {
            throw new IllegalArgumentException("coffer.idempotency.retention must be at least 24 hours");
        }
    }
}
