package dev.coffer.webhooks;

import jakarta.annotation.Nullable;
import java.time.Instant;
import java.util.List;

/** A webhook endpoint as the API and the merchant page show it; {@code secret} only just after creation or rotation. */
public record EndpointView(String id, String url, List<String> events, boolean enabled, Instant createdAt,
        @Nullable String secret) {
}
