package dev.coffer.reconciliation;

import dev.coffer.ledger.SettlementLedger;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.CurrencyCode;
import dev.coffer.platform.Ids;
import dev.coffer.reconciliation.matching.MatchRule;
import dev.coffer.reconciliation.store.ExceptionRepository;
import dev.coffer.reconciliation.store.ReconRepository;
import java.time.Clock;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Resolves one exception in one transaction, under its settlement account's reconciliation lock: a link pairs a
 * line with a transfer of the same amount and direction; an adjustment posts the missing movement against the
 * suspense account (through {@link SettlementLedger#adjust}) and pairs the exception with it.
 */
@Component
class ExceptionResolver {

    private final ExceptionRepository exceptions;
    private final ReconRepository store;
    private final SettlementLedger ledger;
    private final AdjustmentApprovals approvals;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ExceptionResolver(ExceptionRepository exceptions, ReconRepository store, SettlementLedger ledger,
            AdjustmentApprovals approvals, ApplicationEventPublisher events, Clock clock) {
        this.exceptions = exceptions;
        this.store = store;
        this.ledger = ledger;
        this.approvals = approvals;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    Resolution.Resolved resolve(String adminId, String exceptionId, Resolution resolution) {
        var found = exceptions.find(exceptionId).orElseThrow(() -> ApiException.notFound("Exception"));
        store.lockAccount(found.accountId());
        if (!exceptions.isOpen(found)) {
            throw new ApiException(HttpStatus.CONFLICT, "already_resolved", "This exception is already resolved");
        }
        var resolved = switch (resolution) {
            case Resolution.Link link -> link(adminId, found, link.transferId());
            case Resolution.Adjust adjust -> adjust(adminId, found, adjust.reference());
        };
        events.publishEvent(new ReconciliationEvent.Changes(List.of(new ReconciliationEvent.ExceptionResolved(
                found.id(), found.kind(), resolved.resolution(), resolved.transferId(), adminId))));
        return resolved;
    }

    private Resolution.Resolved link(String adminId, ReconException line, String transferId) {
        if (!line.statementLine()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid_resolution",
                    "A ledger entry is resolved by linking a statement line to it, or by an adjustment");
        }
        var entry = ledger.entry(line.accountId(), transferId)
                .orElseThrow(() -> ApiException.notFound("Transfer on this settlement account"));
        if (exceptions.transferMatched(transferId) || !store.taken(line.accountId(), List.of(transferId)).isEmpty()) {
            throw new ApiException(HttpStatus.CONFLICT, "already_matched",
                    "That transfer is already matched to a statement line or resolved");
        }
        if (Math.negateExact(entry.amount()) != line.amount()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "amount_mismatch",
                    "The transfer moved a different amount or direction than the line shows; adjust instead");
        }
        var now = clock.instant();
        exceptions.matchLine(line.id(), transferId, MatchRule.MANUAL.dbName(), adminId, now);
        store.closeEntryExceptionsMatched(List.of(transferId), adminId, now);
        return new Resolution.Resolved(line.id(), line.kind(), MatchRule.MANUAL.dbName(), transferId);
    }

    private Resolution.Resolved adjust(String adminId, ReconException exception, String reference) {
        var currency = CurrencyCode.of(exception.currency());
        if (!approvals.mayPostAlone(adminId, Math.abs(exception.amount()), currency)) {
            throw new IllegalStateException("four-eyes approval is not built yet");
        }
        // A line: the ledger should move as the bank did (bank +a ⇒ settlement −a). A ledger entry the bank never
        // saw: undo its movement on the settlement account (its bank-view amount b moved the account by −b).
        long settlementAmount = exception.statementLine() ? Math.negateExact(exception.amount()) : exception.amount();
        var transferId = Ids.newId("tr");
        ledger.adjust(transferId, exception.accountId(), settlementAmount, reference, adminId).orThrow();
        var now = clock.instant();
        if (exception.statementLine()) {
            exceptions.matchLine(exception.id(), transferId, MatchRule.ADJUSTMENT.dbName(), adminId, now);
        } else {
            exceptions.adjustEntry(exception.id(), transferId, adminId, now);
        }
        return new Resolution.Resolved(exception.id(), exception.kind(), MatchRule.ADJUSTMENT.dbName(), transferId);
    }
}
