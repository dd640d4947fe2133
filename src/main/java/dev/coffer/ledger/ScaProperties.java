package dev.coffer.ledger;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Strong customer authentication ({@code coffer.sca.*}): a payment at or above {@code threshold} minor units of its
 * currency to a payee the sender has not paid before needs a step-up; {@code currency-thresholds.<CODE>} overrides it
 * per currency (say {@code JPY=2500}, a currency without minor units).
 */
@ConfigurationProperties("coffer.sca")
public record ScaProperties(@DefaultValue("25000") long threshold, Map<String, Long> currencyThresholds) {

    public ScaProperties {
        currencyThresholds = currencyThresholds == null ? Map.of() : Map.copyOf(currencyThresholds);
        if (threshold < 1 || currencyThresholds.values().stream().anyMatch(t -> t < 1)) {
            throw new IllegalArgumentException("coffer.sca: thresholds must be positive");
        }
    }

    public long thresholdFor(String currency) {
        return currencyThresholds.getOrDefault(currency, threshold);
    }
}
