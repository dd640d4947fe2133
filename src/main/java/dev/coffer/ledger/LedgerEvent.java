package dev.coffer.ledger;

import dev.coffer.platform.AuditableEvent;
import java.util.Map;
import java.util.Optional;

/** What the ledger did. Published inside the transaction that did it, batched in {@link LedgerChanges}. */
public sealed interface LedgerEvent extends AuditableEvent {

    record AccountOpened(String accountId, String ownerId, String currency) implements LedgerEvent {
        public String auditType() { return "account.opened"; }
        public Optional<String> actorId() { return Optional.ofNullable(ownerId); }
        public Optional<String> subjectId() { return Optional.of(accountId); }
        public Map<String, Object> auditData() { return Map.of("currency", currency); }
    }

    record AccountStatusChanged(String accountId, String adminId, AccountStatus status) implements LedgerEvent {
        public String auditType() { return "account." + status.dbName(); }
        public Optional<String> actorId() { return Optional.ofNullable(adminId); }
        public Optional<String> subjectId() { return Optional.of(accountId); }
        public Map<String, Object> auditData() { return Map.of("status", status.dbName()); }
    }

    /** Money moved: one transfer, two entries. */
    record TransferPosted(String transferId, TransferKind kind, String fromAccountId, String toAccountId,
            long amount, String currency, String initiatedBy, String reference, String description)
            implements LedgerEvent {
        public String auditType() { return "transfer.posted"; }
        public Optional<String> actorId() { return Optional.ofNullable(initiatedBy); }
        public Optional<String> subjectId() { return Optional.of(transferId); }
        public Map<String, Object> auditData() {
            return Map.of("kind", kind.dbName(), "from", fromAccountId, "to", toAccountId, "amount", amount,
                    "currency", currency);
        }
    }

    record HoldPlaced(String holdId, String accountId, String toAccountId, long amount, String currency,
            String reference) implements LedgerEvent {
        public String auditType() { return "hold.placed"; }
        public Optional<String> actorId() { return Optional.empty(); }
        public Optional<String> subjectId() { return Optional.of(holdId); }
        public Map<String, Object> auditData() {
            return Map.of("account", accountId, "to", toAccountId, "amount", amount, "currency", currency);
        }
    }

    record HoldCaptured(String holdId, long capturedAmount, long releasedAmount, String transferId,
            String reference) implements LedgerEvent {
        public String auditType() { return "hold.captured"; }
        public Optional<String> actorId() { return Optional.empty(); }
        public Optional<String> subjectId() { return Optional.of(holdId); }
        public Map<String, Object> auditData() {
            return Map.of("captured", capturedAmount, "released", releasedAmount, "transfer", transferId);
        }
    }

    /** A hold ended without capture: voided by request or expired. */
    record HoldReleased(String holdId, long amount, HoldStatus status, String reference) implements LedgerEvent {
        public String auditType() { return "hold." + status.dbName(); }
        public Optional<String> actorId() { return Optional.empty(); }
        public Optional<String> subjectId() { return Optional.of(holdId); }
        public Map<String, Object> auditData() { return Map.of("amount", amount); }
    }
}
