package dev.coffer.ledger.admin;

import dev.coffer.platform.AuditableEvent;
import java.util.Map;
import java.util.Optional;

/** Four eyes in the audit log: {@code approval.requested}, {@code .approved}, {@code .rejected}, {@code .failed}. */
record ApprovalAudit(String auditType, String actor, ApprovalView approval) implements AuditableEvent {

    @Override
    public Optional<String> actorId() {
        return Optional.of(actor);
    }

    @Override
    public Optional<String> subjectId() {
        return Optional.of(approval.id());
    }

    @Override
    public Map<String, Object> auditData() {
        var data = new java.util.LinkedHashMap<String, Object>();
        data.put("kind", approval.kind());
        data.put("accountId", approval.accountId());
        data.put("amount", approval.amount());
        data.put("currency", approval.currency());
        data.put("requestedBy", approval.requestedBy());
        if (approval.transferId() != null) {
            data.put("transferId", approval.transferId());
        }
        if (approval.failureCode() != null) {
            data.put("failureCode", approval.failureCode());
        }
        return data;
    }
}
