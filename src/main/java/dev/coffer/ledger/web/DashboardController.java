package dev.coffer.ledger.web;

import dev.coffer.ledger.AccountView;
import dev.coffer.ledger.account.Account;
import dev.coffer.ledger.account.AccountService;
import dev.coffer.ledger.history.HistoryRow;
import dev.coffer.ledger.history.HistoryService;
import dev.coffer.ledger.history.PendingHolds;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.CurrencyCode;
import dev.coffer.platform.pages.PageActions;
import dev.coffer.platform.pages.PageController;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The dashboard: accounts with their balances, the latest transactions, and a balance chart. */
@PageController
class DashboardController {

    private static final int RECENT = 10;
    private static final int CHART_POINTS = 30;
    /** Offered when opening an account; the API takes any ISO 4217 code. */
    private static final List<String> CURRENCIES = List.of("EUR", "USD", "GBP", "CHF", "JPY", "SEK", "NOK", "DKK",
            "PLN", "CZK", "CAD", "AUD");

    private final AccountService accounts;
    private final HistoryService history;
    private final PageActions actions;
    private final PendingHolds pendingHolds;

    DashboardController(AccountService accounts, HistoryService history, PageActions actions,
            PendingHolds pendingHolds) {
        this.pendingHolds = pendingHolds;
        this.accounts = accounts;
        this.history = history;
        this.actions = actions;
    }

    /** A history row with the account it belongs to, for the mixed recent list. */
    record RecentRow(HistoryRow row, String accountName, String currency) {
    }

    @PostMapping("/accounts")
    String open(@AuthenticationPrincipal CofferPrincipal principal, @RequestParam(defaultValue = "") String currency,
            @RequestParam(defaultValue = "") String name, Model model) {
        var opened = actions.call(model, () -> open(principal, currency, name)).showRefusalOnly();
        return opened.succeeded() ? "redirect:/" : dashboard(principal, model);
    }

    private Account open(CofferPrincipal principal, String currency, String name) {
        var code = CurrencyCode.parse(currency.strip().toUpperCase(Locale.ROOT));
        var label = name.strip();
        if (code.isEmpty() || label.isEmpty() || label.length() > 100
                || label.chars().anyMatch(Character::isISOControl)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed",
                    "Choose a currency (such as EUR) and a name of up to 100 characters.");
        }
        return accounts.open(principal, code.get(), label);
    }

    /** What one has in each currency, summed over the accounts' available balances, currencies in code order. */
    static Map<String, Long> totalsByCurrency(List<AccountView> own) {
        var totals = new TreeMap<String, Long>();
        own.forEach(a -> totals.merge(a.currency(), a.balance().available(), Math::addExact));
        return totals;
    }

    @GetMapping("/")
    String dashboard(@AuthenticationPrincipal CofferPrincipal principal, Model model) {
        var own = accounts.ownedBy(principal.userId()).stream().map(Account::view).toList();
        var recent = new ArrayList<RecentRow>();
        for (var account : own) {
            history.page(principal.userId(), account.id(), RECENT, null, null, null).data()
                    .forEach(row -> recent.add(new RecentRow(row, account.name(), account.currency())));
        }
        recent.sort(Comparator.comparing((RecentRow r) -> r.row().createdAt()).reversed());
        model.addAttribute("accounts", own);
        model.addAttribute("totals", totalsByCurrency(own));
        model.addAttribute("currencies", CURRENCIES);
        model.addAttribute("recent", recent.subList(0, Math.min(RECENT, recent.size())));
        model.addAttribute("pending", pendingHolds.of(own.stream().map(AccountView::id).toList()));
        model.addAttribute("accountNames", own.stream().collect(java.util.stream.Collectors.toMap(AccountView::id,
                AccountView::name)));
        if (!own.isEmpty()) {
            var first = own.getFirst();
            var rows = history.page(principal.userId(), first.id(), CHART_POINTS, null, null, null).data();
            var points = rows.stream().map(r -> new BalanceChart.Point(r.createdAt(), r.balanceAfter())).toList();
            model.addAttribute("chart", BalanceChart.of(points.reversed()));
            model.addAttribute("chartAccount", first);
        }
        return "dashboard";
    }
}
