package dev.coffer.ledger.web;

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
 * The transfer form. Each rendering carries a fresh one-time idempotency key, so a double click or a resubmitted
 * form replays the first answer instead of sending the money twice. Goes through the same service (and group
 * commit) as {@code POST /api/v1/transfers}.
 */
@PageController
class TransferPageController {

    private final AccountService accounts;
    private final TransferService transfers;
    private final PageActions actions;

    TransferPageController(AccountService accounts, TransferService transfers, PageActions actions) {
        this.accounts = accounts;
        this.transfers = transfers;
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
            Model model) {
        var form = new Form(fromAccountId, toAccountId.strip(), amount, description, idempotencyKey);
        var outcome = actions.answered(model, TransferView.class, () -> send(principal, form))
                .show(done -> "Sent " + Amounts.format(done.value().amount(), done.value().currency()) + " to "
                        + done.value().toAccountId() + ": posted (transfer " + done.value().id() + ")"
                        + (done.replayed() ? ", already sent before." : "."));
        // After a success the form starts afresh from the same account; after a refusal it keeps what was typed.
        return render(principal, model, outcome.succeeded() ? new Form(fromAccountId, "", "", "", null) : form);
    }

    /** Checks the form the way the API's validation would, then sends; problems are refusals with stable codes. */
    private IdempotentAnswer send(CofferPrincipal principal, Form form) {
        var from = accounts.ownedBy(principal.userId()).stream().filter(a -> a.id().equals(form.fromAccountId()))
                .findFirst()
                .orElseThrow(() -> invalid("validation_failed", "Choose one of your accounts to send from."));
        var currency = from.currency();
        var minor = Amounts.parse(form.amount(), currency).orElseThrow(() -> invalid("invalid_amount",
                "Enter an amount such as " + (currency.exponent() == 0 ? "1200" : "12.50") + " (at most "
                        + currency.exponent() + " decimals)."));
        var text = form.description().strip().isEmpty() ? null : form.description().strip();
        if (text != null && (text.length() > 500 || text.chars().anyMatch(Character::isISOControl))) {
            throw invalid("validation_failed", "The description is too long or has invalid characters.");
        }
        var key = IdempotencyKey.of(principal.userId(), form.idempotencyKey(), "POST", "/transfer",
                from.id() + "|" + form.toAccountId() + "|" + minor + "|" + text);
        return transfers.transfer(principal.userId(), from.id(), form.toAccountId(), minor, currency.code(), text, key);
    }

    private static ApiException invalid(String code, String message) {
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
