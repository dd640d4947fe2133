package dev.coffer.notifications;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Live events settings ({@code coffer.notifications.*}): how often each node reads the user event outbox, the
 * bounds on open streams (past them: 429), heartbeats that keep idle connections and proxies alive, and how much a
 * resuming stream may catch up in one go.
 */
@ConfigurationProperties("coffer.notifications")
public record NotificationProperties(
        @DefaultValue("PT0.2S") Duration pollInterval,
        @DefaultValue("PT15S") Duration heartbeat,
        @DefaultValue("PT30M") Duration streamTimeout,
        @DefaultValue("5") int maxStreamsPerUser,
        @DefaultValue("2000") int maxStreamsPerNode,
        @DefaultValue("1000") int maxReplay,
        @DefaultValue("256") int maxQueuedPerStream,
        @DefaultValue("100000") long largeTransfer) {

    public NotificationProperties {
        if (maxStreamsPerUser < 1 || maxStreamsPerNode < 1 || maxReplay < 1 || maxQueuedPerStream < 1) {
            throw new IllegalArgumentException("coffer.notifications bounds must be positive");
        }
    }
}
