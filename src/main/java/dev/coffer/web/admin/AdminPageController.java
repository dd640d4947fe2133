package dev.coffer.web.admin;

import dev.coffer.ledger.AccountStatus;
import dev.coffer.ledger.Ledger;
import dev.coffer.ledger.account.AccountService;
import dev.coffer.ledger.admin.LedgerVerifier;
import dev.coffer.ledger.transfer.TransferService;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.idempotency.IdempotencyKey;
import dev.coffer.web.Amounts;
import dev.coffer.web.FormResult;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/** The admin page: the ledger verifier's verdict, deposits, freezing and unfreezing accounts. */
@Controller
class AdminPageController {

    private final LedgerVerifier verifier;
    private final TransferService transfers;
    private final AccountService accounts;
    private final Ledger ledger;
    private final JsonMapper json;

    AdminPageController(LedgerVerifier verifier, TransferService transfers, AccountService accounts, Ledger ledger,
            JsonMapper json) {
        this.verifier = verifier;
        this.transfers = transfers;
        this.accounts = accounts;
        this.ledger = ledger;
        this.json = json;
    }

    @GetMapping("/admin")
    String page(Model model) {
        return render(model);
    }

    @PostMapping("/admin/deposits")
    String deposit(@AuthenticationPrincipal CofferPrincipal admin, @RequestParam(defaultValue = "") String accountId,
            @RequestParam(defaultValue = "") String amount, @RequestParam(defaultValue = "") String reference,
            @RequestParam(defaultValue = "") String idempotencyKey, Model model) {
        try {
            var account = ledger.account(accountId.strip()).orElseThrow(() -> ApiException.notFound("Account"));
            var minor = Amounts.parse(amount, account.currency()).orElseThrow(() -> new ApiException(
                    HttpStatus.BAD_REQUEST, "invalid_amount", "Enter an amount such as 12.50"));
            var key = IdempotencyKey.of(admin.userId(), idempotencyKey, "POST", "/admin/deposits",
                    account.id() + "|" + minor + "|" + reference);
            var result = FormResult.of(transfers.deposit(admin.userId(), account.id(), minor,
                    reference.isBlank() ? null : reference.strip(), key), json);
            model.addAttribute(result.ok() ? "notice" : "error", result.ok()
                    ? "Deposited " + Amounts.format(minor, account.currency().code()) + " into " + account.id()
                    : result.detail());
        } catch (ApiException e) {
            model.addAttribute("error", e.getMessage());
        }
        return render(model);
    }

    @PostMapping("/admin/accounts/status")
    String status(@AuthenticationPrincipal CofferPrincipal admin, @RequestParam(defaultValue = "") String accountId,
            @RequestParam(defaultValue = "freeze") String action, Model model) {
        try {
            var status = "unfreeze".equals(action) ? AccountStatus.ACTIVE : AccountStatus.FROZEN;
            accounts.setStatus(admin.userId(), accountId.strip(), status);
            model.addAttribute("notice", "Account " + accountId.strip() + " is now " + status.dbName() + ".");
        } catch (ApiException e) {
            model.addAttribute("error", e.getMessage());
        }
        return render(model);
    }

    private String render(Model model) {
        model.addAttribute("report", verifier.verify());
        model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
        return "admin";
    }
}
