package dev.coffer.payments.web;

import dev.coffer.ledger.Ledger;
import dev.coffer.payments.CheckoutSessionView;
import dev.coffer.payments.PaymentView;
import dev.coffer.payments.checkout.CheckoutService;
import dev.coffer.payments.payment.PaymentService;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.idempotency.IdempotencyKey;
import dev.coffer.platform.pages.PageActions;
import dev.coffer.platform.pages.PageController;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The hosted pay page of a checkout session: the items, the total, the shopper's accounts in that currency, one
 * button. Paying goes through the same idempotent service as the API; then back to the shop's {@code successUrl}.
 * Framing is forbidden ({@code frame-ancestors 'none'}): clickjacking is the classic attack on a pay button.
 */
@PageController
class PayPageController {

    private final CheckoutService checkout;
    private final PaymentService payments;
    private final Ledger accounts;
    private final PageActions actions;

    PayPageController(CheckoutService checkout, PaymentService payments, Ledger accounts, PageActions actions) {
        this.checkout = checkout;
        this.payments = payments;
        this.accounts = accounts;
        this.actions = actions;
    }

    @GetMapping("/pay/{id}")
    String page(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable String id, Model model,
            HttpServletResponse response) {
        return render(principal, checkout.get(principal, id), model, response);
    }

    @PostMapping("/pay/{id}")
    String pay(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable String id,
            @RequestParam(defaultValue = "") String accountId, @RequestParam(defaultValue = "") String idempotencyKey,
            Model model, HttpServletResponse response) {
        var session = checkout.get(principal, id);
        var outcome = actions.idempotent(model,
                        () -> IdempotencyKey.of(principal.userId(), idempotencyKey, "POST", "/pay/" + id, accountId),
                        PaymentView.class, () -> payments.pay(principal, id, accountId))
                .show(done -> "Paid: " + done.value().status());
        if (outcome.succeeded() && session.successUrl() != null) {
            return "redirect:" + session.successUrl();
        }
        return render(principal, checkout.get(principal, id), model, response);
    }

    private String render(CofferPrincipal principal, CheckoutSessionView session, Model model,
            HttpServletResponse response) {
        var payable = accounts.accountsOf(principal.userId()).stream()
                .filter(a -> a.currency().equals(session.currency())).toList();
        model.addAttribute("checkout", session);
        model.addAttribute("accounts", payable);
        model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
        response.setHeader("Content-Security-Policy", csp(session.successUrl()));
        return "pay";
    }

    /** The page's policy also lets the form's redirect reach the shop's success page. */
    static String csp(String successUrl) {
        var formAction = "'self'";
        if (successUrl != null) {
            var uri = URI.create(successUrl);
            formAction += " " + uri.getScheme() + "://" + uri.getRawAuthority();
        }
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
                + "base-uri 'none'; form-action " + formAction + "; frame-ancestors 'none'";
    }
}
