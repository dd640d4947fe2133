package dev.coffer.payments;

import dev.coffer.platform.AuditableEvent;
import java.util.Map;
import java.util.Optional;

/** An auditable payments action that is not a payment state change (API keys created and revoked). */
public record PaymentsAudit(String auditType, String merchantId, String objectId) implements AuditableEvent {

    @Override
    public Optional<String> actorId() {
        return Optional.of(merchantId);
    }

    @Override
    public Optional<String> subjectId() {
        return Optional.of(objectId);
    }

    @Override
    public Map<String, Object> auditData() {
        return Map.of();
    }
}
