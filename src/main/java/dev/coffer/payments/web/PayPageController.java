package dev.coffer.payments.web;

import dev.coffer.identity.StepUp;
import dev.coffer.identity.Users;
import dev.coffer.ledger.Ledger;
import dev.coffer.payments.CheckoutSessionView;
import dev.coffer.payments.PaymentView;
import dev.coffer.payments.checkout.CheckoutService;
import dev.coffer.payments.payment.PaymentService;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.idempotency.IdempotencyKey;
import dev.coffer.platform.pages.PageActions;
import dev.coffer.platform.pages.PageController;
import jakarta.annotation.Nullable;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
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
    private final Users users;
    private final PageActions actions;
    private final Clock clock;
    private final StepUp stepUp;

    PayPageController(CheckoutService checkout, PaymentService payments, Ledger accounts, Users users,
            PageActions actions, Clock clock, StepUp stepUp) {
        this.clock = clock;
        this.stepUp = stepUp;
        this.checkout = checkout;
        this.payments = payments;
        this.accounts = accounts;
        this.users = users;
        this.actions = actions;
    }

    @GetMapping("/pay/{id}")
    String page(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable String id, Model model,
            HttpServletResponse response) {
        return render(principal, checkout.get(principal, id), model, response);
    }

    /**
     * Pays. A large payment to a shop the payer has not paid before asks for the second factor on this same page:
     * the answer shows a code field (with the challenge and the same one-time key), and the next submit verifies the
     * code and pays.
     */
    @PostMapping("/pay/{id}")
    String pay(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable String id,
            @RequestParam(defaultValue = "") String accountId, @RequestParam(defaultValue = "") String idempotencyKey,
            @RequestParam(defaultValue = "") String challengeId, @RequestParam(defaultValue = "") String totp,
            @RequestParam(defaultValue = "") String passkey, Model model, HttpServletResponse response) {
        var session = checkout.get(principal, id);
        var challenge = challengeId.isBlank() ? null : challengeId.strip();
        // The passkey's answer when the page's script used one, else the code typed in.
        if (challenge != null && !actions.run(model, () -> {
            if (passkey.isBlank()) {
                stepUp.verify(principal.userId(), challenge, totp.strip());
            } else {
                stepUp.verifyWithPasskey(principal.userId(), challenge, passkey);
            }
        }).showRefusalOnly().succeeded()) {
            return renderStepUp(principal, session, model, response, challenge, accountId, idempotencyKey);
        }
        var needed = new AtomicReference<String>();
        var outcome = actions.idempotent(model,
                        () -> IdempotencyKey.of(principal.userId(), idempotencyKey, "POST", "/pay/" + id, accountId),
                        PaymentView.class, () -> {
                            try {
                                return payments.pay(principal, id, accountId, challenge);
                            } catch (ApiException refused) {
                                needed.set(refused.properties().get("challengeId"));
                                throw refused;
                            }
                        })
                .show(done -> "Paid: " + done.value().status());
        if (outcome.succeeded() && session.successUrl() != null) {
            return "redirect:" + session.successUrl();
        }
        if (!outcome.succeeded() && needed.get() != null) {
            return renderStepUp(principal, session, model, response, needed.get(), accountId, idempotencyKey);
        }
        return render(principal, checkout.get(principal, id), model, response);
    }

    /** The page again, asking for the code: the same account and one-time key, so the payment is the same one. */
    private String renderStepUp(CofferPrincipal principal, CheckoutSessionView session, Model model,
            HttpServletResponse response, String challenge, String accountId, String idempotencyKey) {
        var page = render(principal, session, model, response);
        model.addAttribute("challengeId", challenge);
        boolean passkey = stepUp.hasPasskey(principal.userId());
        model.addAttribute("factorPasskey", passkey);
        model.addAttribute("factorTotp", users.mfaEnabled(principal.userId()) || !passkey);
        model.addAttribute("selected", accountId);
        model.addAttribute("idempotencyKey", idempotencyKey);
        return page;
    }

    private String render(CofferPrincipal principal, CheckoutSessionView session, Model model,
            HttpServletResponse response) {
        var payable = accounts.accountsOf(principal.userId()).stream()
                .filter(a -> a.currency().equals(session.currency())).toList();
        var merchantId = checkout.merchantIdOf(session.id());
        model.addAttribute("checkout", session);
        model.addAttribute("merchantName", users.displayNames(List.of(merchantId)).getOrDefault(merchantId, "the shop"));
        model.addAttribute("shopUrl", shopHome(session.successUrl()));
        model.addAttribute("minutesLeft",
                Math.max(0, Duration.between(clock.instant(), session.expiresAt()).toMinutes()));
        model.addAttribute("accounts", payable);
        model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
        response.setHeader("Content-Security-Policy", csp(session.successUrl()));
        return "pay";
    }

    /** The shop's own site (scheme and host of its success page), for a way back without paying. */
    static @Nullable String shopHome(@Nullable String successUrl) {
        if (successUrl == null) {
            return null;
        }
        var uri = URI.create(successUrl);
        return uri.getScheme() + "://" + uri.getRawAuthority() + "/";
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
