package dev.coffer.webhooks.endpoint;

import dev.coffer.webhooks.EndpointView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A merchant's webhook endpoint, with its signing secrets. */
public record Endpoint(String id, String merchantId, String url, List<String> events, String secret,
        String previousSecret, Instant previousSecretExpiresAt, boolean enabled, Instant createdAt) {

    /** The secrets that sign right now: the current one, and during a rotation the previous one too. */
    public List<String> signingSecrets(Instant now) {
        var secrets = new ArrayList<String>(2);
        secrets.add(secret);
        if (previousSecret != null && previousSecretExpiresAt != null && now.isBefore(previousSecretExpiresAt)) {
            secrets.add(previousSecret);
        }
        return secrets;
    }

    public EndpointView view() {
        return new EndpointView(id, url, events, enabled, createdAt, null);
    }
}
