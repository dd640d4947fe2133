package dev.coffer.ledger;

import dev.coffer.platform.AuditableBatch;
import java.util.List;

/** Everything one ledger transaction did, published once inside it (for the audit log and for webhooks). */
public record LedgerChanges(List<LedgerEvent> events) implements AuditableBatch {

    public LedgerChanges {
        events = List.copyOf(events);
    }

    @Override
    public List<LedgerEvent> auditEvents() {
        return events;
    }
}
