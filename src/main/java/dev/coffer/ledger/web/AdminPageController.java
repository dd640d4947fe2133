package dev.coffer.ledger.web;

import dev.coffer.ledger.AccountStatus;
import dev.coffer.ledger.Ledger;
import dev.coffer.ledger.account.AccountService;
import dev.coffer.ledger.admin.BooksCheck;
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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The admin page: the ledger verifier's verdict, deposits, freezing and unfreezing accounts. */
@PageController
class AdminPageController {

    private final BooksCheck books;
    private final TransferService transfers;
    private final AccountService accounts;
    private final Ledger ledger;
    private final PageActions actions;

    AdminPageController(BooksCheck books, TransferService transfers, AccountService accounts, Ledger ledger,
            PageActions actions) {
        this.books = books;
        this.transfers = transfers;
        this.accounts = accounts;
        this.ledger = ledger;
        this.actions = actions;
    }

    @GetMapping("/admin")
    String page(Model model) {
        return render(model);
    }

    @PostMapping("/admin/deposits")
    String deposit(@AuthenticationPrincipal CofferPrincipal admin, @RequestParam(defaultValue = "") String accountId,
            @RequestParam(defaultValue = "") String amount, @RequestParam(defaultValue = "") String reference,
            @RequestParam(defaultValue = "") String idempotencyKey, Model model) {
        actions.answered(model, TransferView.class, () -> deposit(admin, accountId, amount, reference, idempotencyKey))
                .show(done -> "Deposited " + Amounts.format(done.value().amount(), done.value().currency()) + " into "
                        + done.value().toAccountId() + (done.replayed() ? " (this form was already sent)" : ""));
        return render(model);
    }

    @PostMapping("/admin/accounts/status")
    String status(@AuthenticationPrincipal CofferPrincipal admin, @RequestParam(defaultValue = "") String accountId,
            @RequestParam(defaultValue = "freeze") String action, Model model) {
        var status = "unfreeze".equals(action) ? AccountStatus.ACTIVE : AccountStatus.FROZEN;
        actions.call(model, () -> accounts.setStatus(admin.userId(), accountId.strip(), status))
                .show(done -> "Account " + done.value().id() + " is now " + done.value().status().dbName() + ".");
        return render(model);
    }

    private IdempotentAnswer deposit(CofferPrincipal admin, String accountId, String amount, String reference,
            String idempotencyKey) {
        var account = ledger.account(accountId.strip()).orElseThrow(() -> ApiException.notFound("Account"));
        var minor = Amounts.parse(amount, account.currency()).orElseThrow(() -> new ApiException(
                HttpStatus.BAD_REQUEST, "invalid_amount", "Enter an amount such as 12.50"));
        var key = IdempotencyKey.of(admin.userId(), idempotencyKey, "POST", "/admin/deposits",
                account.id() + "|" + minor + "|" + reference);
        return transfers.deposit(admin.userId(), account.id(), minor, reference.isBlank() ? null : reference.strip(),
                key);
    }

    private String render(Model model) {
        model.addAttribute("report", books.run());
        model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
        return "admin";
    }
}
