package dev.coffer.platform;

import java.util.List;

/**
 * Many auditable events published as one, by code that changes many things in one transaction (a ledger batch):
 * the audit log appends them all with one lock of its chain instead of one per event.
 */
public interface AuditableBatch {

    List<? extends AuditableEvent> auditEvents();
}
