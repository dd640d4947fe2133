package dev.coffer.ledger;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Ledger settings ({@code coffer.ledger.*}): the group-commit batch size, the bound on waiting requests (beyond it:
 * 503 {@code ledger_busy}), and how long a request waits for its batch before it is told to retry.
 */
@ConfigurationProperties("coffer.ledger")
public record LedgerProperties(
        @DefaultValue("10000") int queueCapacity,
        @DefaultValue("500") int maxBatch,
        @DefaultValue("PT30S") Duration answerTimeout) {

    public LedgerProperties {
        if (queueCapacity < 1 || maxBatch < 1 || answerTimeout.isNegative() || answerTimeout.isZero()) {
            throw new IllegalArgumentException("coffer.ledger: queue-capacity, max-batch, answer-timeout positive");
        }
    }
}
