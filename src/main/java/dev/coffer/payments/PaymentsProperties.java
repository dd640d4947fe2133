package dev.coffer.payments;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Payment settings ({@code coffer.payments.*}): how long an uncaptured payment's hold lasts. */
@ConfigurationProperties("coffer.payments")
public record PaymentsProperties(@DefaultValue("P7D") Duration holdTtl) {

    public PaymentsProperties {
        if (holdTtl.isNegative() || holdTtl.isZero()) {
            throw new IllegalArgumentException("coffer.payments.hold-ttl must be positive");
        }
    }
}
