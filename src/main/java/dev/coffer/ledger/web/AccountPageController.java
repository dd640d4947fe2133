package dev.coffer.ledger.web;

import dev.coffer.ledger.account.AccountService;
import dev.coffer.ledger.history.HistoryService;
import dev.coffer.ledger.history.StatementWriter;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.pages.PageController;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
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
    private final StatementWriter statements;

    AccountPageController(AccountService accounts, HistoryService history, StatementWriter statements) {
        this.accounts = accounts;
        this.history = history;
        this.statements = statements;
    }

    @GetMapping("/accounts/{id}")
    String account(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable String id,
            @RequestParam(required = false) String cursor, Model model) {
        var account = accounts.owned(principal.userId(), id);
        var page = history.page(principal.userId(), id, PAGE, cursor, null, null);
        model.addAttribute("account", account.view());
        model.addAttribute("rows", page.data());
        model.addAttribute("nextCursor", page.nextCursor());
        return "account";
    }

    @GetMapping("/accounts/{id}/statement.csv")
    void statement(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable String id,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            HttpServletResponse response) throws IOException {
        statements.download(accounts.owned(principal.userId(), id), from, to, response);
    }
}
