package dev.coffer.payments;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Checkout settings ({@code coffer.checkout.*}): how long an unpaid checkout session stays open. */
@ConfigurationProperties("coffer.checkout")
public record CheckoutProperties(@DefaultValue("PT30M") Duration sessionTtl) {

    public CheckoutProperties {
        if (sessionTtl.isNegative() || sessionTtl.isZero()) {
            throw new IllegalArgumentException("coffer.checkout.session-ttl must be positive");
        }
    }
}
