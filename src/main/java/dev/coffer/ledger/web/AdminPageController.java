package dev.coffer.ledger.web;

import dev.coffer.identity.Users;
import dev.coffer.ledger.AccountStatus;
import dev.coffer.ledger.Ledger;
import dev.coffer.ledger.account.AccountService;
import dev.coffer.ledger.admin.ApprovalView;
import dev.coffer.ledger.admin.Approvals;
import dev.coffer.ledger.transfer.TransferService;
import dev.coffer.ledger.transfer.TransferView;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.idempotency.IdempotencyKey;
import dev.coffer.platform.idempotency.IdempotentAnswer;
import dev.coffer.platform.pages.Amounts;
import dev.coffer.platform.pages.PageActions;
import dev.coffer.platform.pages.PageController;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The admin page: the ledger verifier's verdict on demand, deposits (four eyes at or above the threshold), the
 * requests waiting for a second admin with approve and reject buttons, freezing and unfreezing accounts.
 */
@PageController
class AdminPageController {

    private final VerificationRuns verifications;
    private final TransferService transfers;
    private final AccountService accounts;
    private final Ledger ledger;
    private final PageActions actions;
    private final Approvals approvals;
    private final Users users;
    private final MoneyMoveReview reviews;

    /** The value of the confirmation's {@code step} field. */
    static final String CONFIRM = "confirm";

    AdminPageController(VerificationRuns verifications, TransferService transfers, AccountService accounts,
            Ledger ledger, PageActions actions, Approvals approvals, Users users, MoneyMoveReview reviews) {
        this.reviews = reviews;
        this.approvals = approvals;
        this.users = users;
        this.verifications = verifications;
        this.transfers = transfers;
        this.accounts = accounts;
        this.ledger = ledger;
        this.actions = actions;
    }

    @GetMapping("/admin")
    String page(@AuthenticationPrincipal CofferPrincipal admin, Model model) {
        return render(admin, model);
    }

    @PostMapping("/admin/approvals/{id}/approve")
    String approve(@AuthenticationPrincipal CofferPrincipal admin, @PathVariable String id, Model model) {
        actions.call(model, () -> approvals.approve(admin.userId(), id))
                .show(done -> "Approved: " + done.value().kind() + " of "
                        + Amounts.format(done.value().amount(), done.value().currency()) + " is "
                        + done.value().status() + ".");
        return render(admin, model);
    }

    @PostMapping("/admin/approvals/{id}/reject")
    String reject(@AuthenticationPrincipal CofferPrincipal admin, @PathVariable String id, Model model) {
        actions.call(model, () -> approvals.reject(admin.userId(), id))
                .show(done -> "Rejected: nothing moved.");
        return render(admin, model);
    }

    @PostMapping("/admin/verify")
    String verify(@AuthenticationPrincipal CofferPrincipal admin, Model model) {
        verifications.runNow();
        return render(admin, model);
    }

    /**
     * A deposit or a withdrawal, in two steps: first a confirmation that names the account's owner, the account and
     * its currency (a mistyped id shows up as a stranger's name before anything moves), then, with
     * {@code step=confirm}, the move itself (four eyes at or above the threshold). The form's one idempotency key
     * goes through both steps, so a resubmitted confirmation replays the first answer.
     */
    @PostMapping("/admin/deposits")
    String deposit(@AuthenticationPrincipal CofferPrincipal admin, @RequestParam(defaultValue = "") String accountId,
            @RequestParam(defaultValue = "") String amount, @RequestParam(defaultValue = "") String reference,
            @RequestParam(defaultValue = "") String idempotencyKey,
            @RequestParam(defaultValue = Approvals.DEPOSIT) String kind, @RequestParam(defaultValue = "") String step,
            Model model) {
        var move = Approvals.WITHDRAWAL.equals(kind) ? Approvals.WITHDRAWAL : Approvals.DEPOSIT;
        if (!CONFIRM.equals(step)) {
            actions.call(model, () -> reviews.review(move, accountId, amount, reference, idempotencyKey))
                    .showRefusalOnly().successValue().ifPresent(review -> model.addAttribute("moneyReview", review));
            return render(admin, model);
        }
        var account = ledger.account(accountId.strip());
        var minor = account.flatMap(a -> Amounts.parse(amount, a.currency()));
        var words = Approvals.DEPOSIT.equals(move) ? "deposit" : "withdrawal";
        if (minor.isPresent() && approvals.needsApproval(minor.get())) {
            // Four eyes: recorded under the form's key, so a resubmitted form names the same request.
            var key = IdempotencyKey.of(admin.userId(), idempotencyKey, "POST", path(move),
                    account.get().id() + "|" + minor.get() + "|" + reference);
            actions.idempotent(model, () -> key, ApprovalView.class, () -> approvals.request(admin.userId(),
                            move, account.get().id(), minor.get(), reference.isBlank() ? null : reference.strip()))
                    .show(done -> "Waiting for a second admin to approve this " + words + " ("
                            + done.value().id() + ").");
            return render(admin, model);
        }
        actions.answered(model, TransferView.class, () -> move(admin, move, accountId, amount, reference,
                        idempotencyKey))
                .show(done -> (Approvals.DEPOSIT.equals(move) ? "Deposited " : "Withdrew ")
                        + Amounts.format(done.value().amount(), done.value().currency())
                        + (Approvals.DEPOSIT.equals(move) ? " into " + done.value().toAccountId()
                                : " from " + done.value().fromAccountId())
                        + " (" + reviews.ownerName(accountId.strip()) + ")"
                        + (done.replayed() ? " (this form was already sent)" : ""));
        return render(admin, model);
    }

    @PostMapping("/admin/accounts/status")
    String status(@AuthenticationPrincipal CofferPrincipal admin, @RequestParam(defaultValue = "") String accountId,
            @RequestParam(defaultValue = "freeze") String action, Model model) {
        var status = "unfreeze".equals(action) ? AccountStatus.ACTIVE : AccountStatus.FROZEN;
        actions.call(model, () -> accounts.setStatus(admin.userId(), accountId.strip(), status))
                .show(done -> "Account " + done.value().id() + " is now " + done.value().status().dbName() + ".");
        return render(admin, model);
    }

    private IdempotentAnswer move(CofferPrincipal admin, String move, String accountId, String amount,
            String reference, String idempotencyKey) {
        var account = ledger.account(accountId.strip()).orElseThrow(() -> ApiException.notFound("Account"));
        var minor = Amounts.parse(amount, account.currency()).orElseThrow(() -> new ApiException(
                HttpStatus.BAD_REQUEST, "invalid_amount", "Enter an amount such as 12.50"));
        var key = IdempotencyKey.of(admin.userId(), idempotencyKey, "POST", path(move),
                account.id() + "|" + minor + "|" + reference);
        var text = reference.isBlank() ? null : reference.strip();
        return Approvals.DEPOSIT.equals(move) ? transfers.deposit(admin.userId(), account.id(), minor, text, key)
                : transfers.withdraw(admin.userId(), account.id(), minor, text, key);
    }

    /** Deposits keep the key path they always had, so a form sent before this change still replays. */
    private static String path(String move) {
        return Approvals.DEPOSIT.equals(move) ? "/admin/deposits" : "/admin/withdrawals";
    }

    private String render(CofferPrincipal admin, Model model) {
        var pending = approvals.list("pending", 100);
        model.addAttribute("approvals", pending);
        model.addAttribute("requesters", users.displayNames(pending.stream().map(ApprovalView::requestedBy).toList()));
        model.addAttribute("viewerId", admin.userId());
        verifications.latest().ifPresent(run -> model.addAttribute("verification", run));
        model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
        return "admin";
    }
}
