package dev.coffer.ledger.web;

import dev.coffer.ledger.account.AccountService;
import dev.coffer.ledger.history.HistoryService;
import dev.coffer.ledger.history.PendingHolds;
import dev.coffer.ledger.history.StatementPdfWriter;
import dev.coffer.ledger.history.StatementWriter;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.pages.PageAction;
import dev.coffer.platform.pages.PageController;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** One account's history, page by page, and its CSV statement, for the owner (others get 404 as from the API). */
@PageController
class AccountPageController {

    private static final int PAGE = 20;

    private final AccountService accounts;
    private final HistoryService history;
    private final PendingHolds pendingHolds;
    private final StatementWriter statements;
    private final StatementPdfWriter pdfStatements;

    AccountPageController(AccountService accounts, HistoryService history, StatementWriter statements,
            StatementPdfWriter pdfStatements, PendingHolds pendingHolds) {
        this.pendingHolds = pendingHolds;
        this.pdfStatements = pdfStatements;
        this.accounts = accounts;
        this.history = history;
        this.statements = statements;
    }

    @GetMapping("/accounts/{id}")
    String account(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable String id,
            @RequestParam(required = false) String cursor, @RequestParam(defaultValue = "") String from,
            @RequestParam(defaultValue = "") String to, Model model) {
        var account = accounts.owned(principal.userId(), id);
        HistoryService.Page page;
        try {
            page = history.page(principal.userId(), id, PAGE, cursor, from, to);
            model.addAttribute("from", from);
            model.addAttribute("to", to);
        } catch (ApiException badFilter) {
            // A mistyped date range shows the whole history with the reason, rather than an error page.
            model.addAttribute(PageAction.ERROR, badFilter.getMessage());
            page = history.page(principal.userId(), id, PAGE, null, null, null);
            model.addAttribute("from", "");
            model.addAttribute("to", "");
        }
        model.addAttribute("account", account.view());
        model.addAttribute("rows", page.data());
        model.addAttribute("nextCursor", page.nextCursor());
        // Pending holds are "now": above the first page only, never mixed into the posted history.
        model.addAttribute("pending", cursor == null || cursor.isEmpty() ? pendingHolds.of(List.of(account.id()))
                : List.of());
        return "account";
    }

    @GetMapping("/accounts/{id}/statement.pdf")
    void pdfStatement(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable String id,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            HttpServletResponse response) throws IOException {
        pdfStatements.download(accounts.owned(principal.userId(), id), from, to, response);
    }

    @GetMapping("/accounts/{id}/statement.csv")
    void statement(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable String id,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            HttpServletResponse response) throws IOException {
        statements.download(accounts.owned(principal.userId(), id), from, to, response);
    }
}
