package dev.coffer.reconciliation;

import dev.coffer.platform.AuditableBatch;
import dev.coffer.platform.AuditableEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What reconciliation did, for the audit log: imports, each pairing (with its rule), and each resolution. */
public sealed interface ReconciliationEvent extends AuditableEvent {

    record StatementImported(String statementId, String accountId, String adminId, String source, int lines,
            int matched) implements ReconciliationEvent {
        public String auditType() { return "reconciliation.statement_imported"; }
        public Optional<String> actorId() { return Optional.of(adminId); }
        public Optional<String> subjectId() { return Optional.of(statementId); }
        public Map<String, Object> auditData() {
            return Map.of("account", accountId, "source", source, "lines", lines, "matched", matched);
        }
    }

    record LineMatched(String lineId, String transferId, String rule, String adminId) implements ReconciliationEvent {
        public String auditType() { return "reconciliation.line_matched"; }
        public Optional<String> actorId() { return Optional.of(adminId); }
        public Optional<String> subjectId() { return Optional.of(lineId); }
        public Map<String, Object> auditData() { return Map.of("transfer", transferId, "rule", rule); }
    }

    record ExceptionResolved(String exceptionId, String kind, String resolution, String transferId, String adminId)
            implements ReconciliationEvent {
        public String auditType() { return "reconciliation.exception_resolved"; }
        public Optional<String> actorId() { return Optional.of(adminId); }
        public Optional<String> subjectId() { return Optional.of(exceptionId); }
        public Map<String, Object> auditData() {
            return Map.of("kind", kind, "resolution", resolution, "transfer", transferId);
        }
    }

    /** Everything one reconciliation transaction did, appended to the audit chain with one lock. */
    record Changes(List<ReconciliationEvent> events) implements AuditableBatch {
        public Changes {
            events = List.copyOf(events);
        }

        @Override
        public List<ReconciliationEvent> auditEvents() {
            return events;
        }
    }
}
