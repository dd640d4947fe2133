package dev.coffer.ledger.web;

import dev.coffer.identity.StepUp;
import dev.coffer.identity.Users;
import dev.coffer.ledger.AccountView;
import dev.coffer.ledger.account.Account;
import dev.coffer.ledger.account.AccountService;
import dev.coffer.ledger.transfer.TransferService;
import dev.coffer.ledger.transfer.TransferView;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.idempotency.IdempotencyKey;
import dev.coffer.platform.idempotency.IdempotentAnswer;
import dev.coffer.platform.pages.Amounts;
import dev.coffer.platform.pages.PageActions;
import dev.coffer.platform.pages.PageController;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The transfer form, in two steps: the form, then a confirmation that names the recipient (and, when the payment
 * needs a step-up, asks for the second factor's code right there). Each form carries a one-time idempotency key
 * through both steps, so a double click or a resubmitted confirmation replays the first answer instead of sending
 * the money twice. Goes through the same service (and group commit) as {@code POST /api/v1/transfers}.
 */
@PageController
class TransferPageController {

    static final String CONFIRM = "confirm";

    private final AccountService accounts;
    private final TransferService transfers;
    private final TransferReview reviews;
    private final StepUp stepUp;
    private final PageActions actions;
    private final Users users;

    TransferPageController(AccountService accounts, TransferService transfers, TransferReview reviews,
            StepUp stepUp, PageActions actions, Users users) {
        this.users = users;
        this.accounts = accounts;
        this.transfers = transfers;
        this.reviews = reviews;
        this.stepUp = stepUp;
        this.actions = actions;
    }

    /** What was typed into the form: shown again after a refusal, so nothing has to be typed twice. */
    record Form(String fromAccountId, String toAccountId, String amount, String description, String idempotencyKey) {
    }

    @GetMapping("/transfer")
    String form(@AuthenticationPrincipal CofferPrincipal principal, @RequestParam(required = false) String to,
            Model model) {
        return render(principal, model, new Form(null, to, "", "", null));
    }

    @PostMapping("/transfer")
    String send(@AuthenticationPrincipal CofferPrincipal principal, @RequestParam(defaultValue = "") String fromAccountId,
            @RequestParam(defaultValue = "") String toAccountId, @RequestParam(defaultValue = "") String amount,
            @RequestParam(defaultValue = "") String description, @RequestParam(defaultValue = "") String idempotencyKey,
            @RequestParam(defaultValue = "") String step, @RequestParam(defaultValue = "") String challengeId,
            @RequestParam(defaultValue = "") String totp, @RequestParam(defaultValue = "") String passkey,
            Model model) {
        var form = new Form(fromAccountId, toAccountId.strip(), amount, description, idempotencyKey);
        if (!CONFIRM.equals(step)) {
            return review(principal, form, model);
        }
        var challenge = challengeId.isBlank() ? null : challengeId.strip();
        if (challenge != null) {
            // The code first: a wrong one shows the same confirmation again, with the refusal, to try once more.
            var reviewed = actions.call(model, () -> reviews.review(principal.userId(), form, false))
                    .showRefusalOnly().successValue();
            if (reviewed.isEmpty()) {
                return render(principal, model, form);
            }
            // The passkey's answer when the page's script used one, else the code typed in.
            var verified = actions.run(model, () -> {
                if (passkey.isBlank()) {
                    stepUp.verify(principal.userId(), challenge, totp.strip());
                } else {
                    stepUp.verifyWithPasskey(principal.userId(), challenge, passkey);
                }
            }).showRefusalOnly();
            if (!verified.succeeded()) {
                return confirmation(principal, model, form, reviewed.get().withChallenge(challenge));
            }
        }
        var outcome = actions.answered(model, TransferView.class, () -> send(principal, form, challenge))
                .show(done -> "Sent " + Amounts.format(done.value().amount(), done.value().currency()) + " to "
                        + done.value().toAccountId() + ": posted (transfer " + done.value().id() + ")"
                        + (done.replayed() ? ", already sent before." : "."));
        // After a success the form starts afresh from the same account; after a refusal it keeps what was typed.
        return render(principal, model, outcome.succeeded() ? new Form(fromAccountId, "", "", "", null) : form);
    }

    /** The first step: check the form, name the recipient, and open a step-up challenge when one is needed. */
    private String review(CofferPrincipal principal, Form form, Model model) {
        var checked = actions.call(model, () -> reviews.review(principal.userId(), form, true)).showRefusalOnly();
        return checked.successValue().map(r -> confirmation(principal, model, form, r))
                .orElseGet(() -> render(principal, model, form));
    }

    /** The confirmation step; with a challenge, it offers the second factors the user has (code, passkey). */
    private String confirmation(CofferPrincipal principal, Model model, Form form, TransferReview.Review review) {
        if (review.challengeId() != null) {
            boolean passkey = stepUp.hasPasskey(principal.userId());
            model.addAttribute("factorPasskey", passkey);
            model.addAttribute("factorTotp", users.mfaEnabled(principal.userId()) || !passkey);
        }
        model.addAttribute("review", review);
        model.addAttribute("form", form);
        return "transfer";
    }

    private IdempotentAnswer send(CofferPrincipal principal, Form form, String challengeId) {
        var review = reviews.review(principal.userId(), form, false);
        var key = IdempotencyKey.of(principal.userId(), form.idempotencyKey(), "POST", "/transfer",
                review.fromAccountId() + "|" + form.toAccountId() + "|" + review.amount() + "|" + review.description());
        return transfers.transfer(principal.userId(), review.fromAccountId(), form.toAccountId(), review.amount(),
                review.currency(), review.description(), challengeId, key);
    }

    static ApiException invalid(String code, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, code, message);
    }

    private String render(CofferPrincipal principal, Model model, Form form) {
        List<AccountView> own = accounts.ownedBy(principal.userId()).stream().map(Account::view).toList();
        model.addAttribute("accounts", own);
        model.addAttribute("to", form.toAccountId() == null ? "" : form.toAccountId());
        model.addAttribute("amount", form.amount());
        model.addAttribute("description", form.description());
        model.addAttribute("selected", form.fromAccountId());
        model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
        return "transfer";
    }
}
