package dev.coffer.webhooks;

import jakarta.annotation.Nullable;
import java.time.Instant;
import java.util.List;

/** An endpoint's recent deliveries, each with every attempt (status code, latency, error), as the merchant sees them. */
public final class Deliveries {

    private Deliveries() {
    }

    public record AttemptView(int attempt, Instant startedAt, int durationMillis, @Nullable Integer statusCode,
            @Nullable String error) {
    }

    public record DeliveryView(String id, String eventId, String eventType, String status, int attempts,
            boolean replay, @Nullable Instant nextAttemptAt, Instant createdAt, @Nullable Instant finishedAt,
            List<AttemptView> attemptLog) {
    }

    public record DeliveryList(List<DeliveryView> data, @Nullable String nextCursor) {
    }
}
