package dev.coffer.ledger.admin;

import dev.coffer.ledger.AccountKind;
import dev.coffer.ledger.ApprovalProperties;
import dev.coffer.ledger.account.AccountRepository;
import dev.coffer.ledger.transfer.TransferService;
import dev.coffer.ledger.transfer.TransferView;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.Ids;
import dev.coffer.platform.idempotency.IdempotencyKey;
import dev.coffer.platform.idempotency.IdempotentAnswer.Reading;
import java.time.Clock;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Four eyes (Fineract's maker-checker): an admin deposit or withdrawal at or above the threshold is recorded and
 * moves nothing until a different admin approves it. Approving posts it through the ledger under an idempotency key
 * of its own (the approval's id), with the approval row locked: a double or concurrent approval, or an approval
 * retried after a crash between the posting and the decision, moves the money once.
 */
@Service
public class Approvals {

    public static final String DEPOSIT = "deposit";
    public static final String WITHDRAWAL = "withdrawal";

    private final ApprovalRepository repository;
    private final AccountRepository accounts;
    private final TransferService transfers;
    private final ApprovalProperties properties;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final Clock clock;

    Approvals(ApprovalRepository repository, AccountRepository accounts, TransferService transfers,
            ApprovalProperties properties, ApplicationEventPublisher events, TransactionTemplate tx, JsonMapper json,
            Clock clock) {
        this.repository = repository;
        this.accounts = accounts;
        this.transfers = transfers;
        this.properties = properties;
        this.events = events;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
    }

    /** Whether an admin's deposit or withdrawal of {@code amount} needs a second admin. */
    public boolean needsApproval(long amount) {
        return amount >= properties.approvalThreshold();
    }

    /** Records a pending deposit or withdrawal; runs in the caller's (idempotent) transaction. */
    public ApprovalView request(String adminId, String kind, String accountId, long amount, String reference) {
        var account = accounts.find(accountId).filter(a -> a.kind() != AccountKind.SYSTEM)
                .orElseThrow(() -> ApiException.notFound("Account"));
        var id = Ids.newId("apr");
        var approval = new ApprovalView(id, id, kind, account.id(), amount, account.currency().code(), reference,
                "pending", adminId, clock.instant(), null, null, null, null);
        repository.insert(approval);
        events.publishEvent(new ApprovalAudit("approval.requested", adminId, approval));
        return approval;
    }

    @Transactional(readOnly = true)
    public List<ApprovalView> list(String status, int limit) {
        return repository.list(status, limit);
    }

    /** Approves and posts a pending request (idempotently: an approved one answers as it is). */
    public ApprovalView approve(String adminId, String approvalId) {
        return tx.execute(status -> {
            var approval = locked(approvalId);
            if (!"pending".equals(approval.status())) {
                if ("approved".equals(approval.status())) {
                    return approval;
                }
                throw notPending(approval);
            }
            if (approval.requestedBy().equals(adminId)) {
                throw new ApiException(HttpStatus.FORBIDDEN, "four_eyes_required",
                        "A second admin must approve this; the one who asked for it cannot");
            }
            var key = IdempotencyKey.of("approval", approval.id(), "POST", "/approvals", approval.id());
            var answer = DEPOSIT.equals(approval.kind())
                    ? transfers.deposit(approval.requestedBy(), approval.accountId(), approval.amount(),
                            approval.reference(), key)
                    : transfers.withdraw(approval.requestedBy(), approval.accountId(), approval.amount(),
                            approval.reference(), key);
            var now = clock.instant();
            switch (answer.read(TransferView.class, json)) {
                case Reading.Succeeded<TransferView>(var transfer, _) ->
                        repository.decide(approval.id(), "approved", adminId, now, transfer.id(), null);
                case Reading.Refused<TransferView>(_, var problemCode, _, _) ->
                        repository.decide(approval.id(), "failed", adminId, now, null, problemCode);
            }
            var decided = locked(approvalId);
            events.publishEvent(new ApprovalAudit("approval." + decided.status(), adminId, decided));
            return decided;
        });
    }

    /** Rejects a pending request (any admin, the one who asked included: that is withdrawing it). */
    public ApprovalView reject(String adminId, String approvalId) {
        return tx.execute(status -> {
            var approval = locked(approvalId);
            if ("rejected".equals(approval.status())) {
                return approval;
            }
            if (!"pending".equals(approval.status())) {
                throw notPending(approval);
            }
            repository.decide(approval.id(), "rejected", adminId, clock.instant(), null, null);
            var decided = locked(approvalId);
            events.publishEvent(new ApprovalAudit("approval.rejected", adminId, decided));
            return decided;
        });
    }

    private ApprovalView locked(String approvalId) {
        return repository.findForUpdate(approvalId).orElseThrow(() -> ApiException.notFound("Approval"));
    }

    private static ApiException notPending(ApprovalView approval) {
        return new ApiException(HttpStatus.CONFLICT, "approval_not_pending",
                "This request was already " + approval.status());
    }
}
