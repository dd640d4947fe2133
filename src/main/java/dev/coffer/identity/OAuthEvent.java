package dev.coffer.identity;

import dev.coffer.platform.AuditableEvent;
import java.util.Map;
import java.util.Optional;

/**
 * "Log in with Coffer" happenings for the audit log: {@code oauth.client_registered}, {@code oauth.client_deleted}
 * (actor: the merchant, subject: the client id), {@code oauth.consent_granted}, {@code oauth.consent_revoked}
 * (actor: the user, subject: the client id).
 */
public record OAuthEvent(String auditType, String userId, String clientId) implements AuditableEvent {

    @Override
    public Optional<String> actorId() {
        return Optional.of(userId);
    }

    @Override
    public Optional<String> subjectId() {
        return Optional.of(clientId);
    }

    @Override
    public Map<String, Object> auditData() {
        return Map.of();
    }
}
