package dev.coffer.web.transfer;

import dev.coffer.ledger.account.AccountService;
import dev.coffer.ledger.account.AccountView;
import dev.coffer.ledger.transfer.TransferService;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.idempotency.IdempotencyKey;
import dev.coffer.web.Amounts;
import dev.coffer.web.FormResult;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transfer form. Each rendering carries a fresh one-time idempotency key, so a double click or a resubmitted
 * form replays the first answer instead of sending the money twice. Goes through the same service (and group
 * commit) as {@code POST /api/v1/transfers}.
 */
@Controller
class TransferPageController {

    private final AccountService accounts;
    private final TransferService transfers;
    private final JsonMapper json;

    TransferPageController(AccountService accounts, TransferService transfers, JsonMapper json) {
        this.accounts = accounts;
        this.transfers = transfers;
        this.json = json;
    }

    record Sent(String transferId, String amount, String to, boolean replayed) {
    }

    @GetMapping("/transfer")
    String form(@AuthenticationPrincipal CofferPrincipal principal, @RequestParam(required = false) String to,
            Model model) {
        return render(principal, model, to, null, null);
    }

    @PostMapping("/transfer")
    String send(@AuthenticationPrincipal CofferPrincipal principal, @RequestParam(defaultValue = "") String fromAccountId,
            @RequestParam(defaultValue = "") String toAccountId, @RequestParam(defaultValue = "") String amount,
            @RequestParam(defaultValue = "") String description, @RequestParam(defaultValue = "") String idempotencyKey,
            Model model) {
        model.addAttribute("amount", amount);
        model.addAttribute("description", description);
        var from = accounts.ownedBy(principal.userId()).stream().filter(a -> a.id().equals(fromAccountId)).findFirst();
        if (from.isEmpty()) {
            return render(principal, model, toAccountId, "Choose one of your accounts to send from.", fromAccountId);
        }
        var currency = from.get().currency();
        var minor = Amounts.parse(amount, currency);
        if (minor.isEmpty()) {
            return render(principal, model, toAccountId, "Enter an amount such as "
                    + (currency.exponent() == 0 ? "1200" : "12.50") + " (at most " + currency.exponent()
                    + " decimals).", fromAccountId);
        }
        var text = description.strip().isEmpty() ? null : description.strip();
        if (text != null && (text.length() > 500 || text.chars().anyMatch(Character::isISOControl))) {
            return render(principal, model, toAccountId, "The description is too long or has invalid characters.",
                    fromAccountId);
        }
        try {
            var key = IdempotencyKey.of(principal.userId(), idempotencyKey, "POST", "/transfer",
                    fromAccountId + "|" + toAccountId.strip() + "|" + minor.get() + "|" + text);
            var result = FormResult.of(transfers.transfer(principal.userId(), fromAccountId, toAccountId.strip(),
                    minor.get(), currency.code(), text, key), json);
            if (!result.ok()) {
                return render(principal, model, toAccountId, result.detail() + " (" + result.code() + ")", fromAccountId);
            }
            model.addAttribute("sent", new Sent(result.json().path("id").asString(),
                    Amounts.format(minor.get(), currency.code()), toAccountId.strip(), result.replayed()));
            model.addAttribute("amount", "");
            model.addAttribute("description", "");
            return render(principal, model, null, null, fromAccountId);
        } catch (ApiException e) {
            return render(principal, model, toAccountId, e.getMessage() + " (" + e.code() + ")", fromAccountId);
        }
    }

    private String render(CofferPrincipal principal, Model model, String to, String error, String selected) {
        List<AccountView> own = accounts.ownedBy(principal.userId()).stream().map(AccountView::of).toList();
        model.addAttribute("accounts", own);
        model.addAttribute("to", to == null ? "" : to);
        model.addAttribute("selected", selected);
        model.addAttribute("error", error);
        model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
        return "transfer";
    }
}
