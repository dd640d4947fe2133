package dev.coffer.notifications.mail;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Email settings ({@code coffer.mail.*}); the SMTP server itself is {@code spring.mail.host}, {@code port},
 * {@code username}, {@code password}. Without a host, no email is written or sent.
 */
@ConfigurationProperties("coffer.mail")
public record MailProperties(
        @DefaultValue("Coffer <no-reply@coffer.local>") String from,
        @DefaultValue("PT2S") Duration pollInterval,
        @DefaultValue("PT1M") Duration lease,
        @DefaultValue({"PT1M", "PT5M", "PT30M", "PT2H", "PT6H"}) List<Duration> retryDelays,
        @DefaultValue("P2D") Duration giveUpAfter,
        @DefaultValue("20") int batch) {

    public MailProperties {
        if (retryDelays.isEmpty() || batch < 1) {
            throw new IllegalArgumentException("coffer.mail: retry-delays must not be empty, batch positive");
        }
    }

    Duration delayAfter(int attempts) {
        return retryDelays.get(Math.min(Math.max(attempts - 1, 0), retryDelays.size() - 1));
    }
}
