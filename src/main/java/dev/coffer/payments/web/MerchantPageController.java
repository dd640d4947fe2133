package dev.coffer.payments.web;

import dev.coffer.identity.OAuthApps;
import dev.coffer.payments.RefundView;
import dev.coffer.payments.apikey.ApiKeyService;
import dev.coffer.payments.payment.PaymentService;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.CurrencyCode;
import dev.coffer.platform.idempotency.IdempotencyKey;
import dev.coffer.platform.pages.Amounts;
import dev.coffer.platform.pages.PageActions;
import dev.coffer.platform.pages.PageController;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The merchant page's API keys and payments (capture, refund); its webhook endpoints are {@link MerchantWebhooksPageController}'s. */
@PageController
class MerchantPageController {

    private final ApiKeyService keys;
    private final PaymentService payments;
    private final PageActions actions;
    private final MerchantPage page;
    private final OAuthApps apps;

    MerchantPageController(ApiKeyService keys, PaymentService payments, PageActions actions, MerchantPage page,
            OAuthApps apps) {
        this.apps = apps;
        this.keys = keys;
        this.payments = payments;
        this.actions = actions;
        this.page = page;
    }

    @GetMapping("/merchant")
    String show(@AuthenticationPrincipal CofferPrincipal principal, Model model) {
        return page.render(principal, model);
    }

    @PostMapping("/merchant/api-keys")
    String createKey(@AuthenticationPrincipal CofferPrincipal principal, @RequestParam(defaultValue = "") String name,
            Model model) {
        actions.call(model, () -> keys.create(principal, name.isBlank() ? "Unnamed key" : name.strip()))
                .showRefusalOnly().successValue().ifPresent(key -> model.addAttribute("newKey", key));
        return page.render(principal, model);
    }

    /** "Log in with Coffer" apps: one redirect URI per line; the secret of a confidential app is shown once. */
    @PostMapping("/merchant/apps")
    String registerApp(@AuthenticationPrincipal CofferPrincipal principal, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String redirectUris,
            @RequestParam(name = "scope", required = false) List<String> scopes,
            @RequestParam(name = "public", defaultValue = "false") boolean isPublic, Model model) {
        var uris = redirectUris.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        var chosen = new ArrayList<>(List.of("openid"));
        if (scopes != null) {
            scopes.stream().filter(s -> !chosen.contains(s)).forEach(chosen::add);
        }
        actions.call(model, () -> apps.registerApp(principal, name.isBlank() ? "Unnamed app" : name.strip(), uris,
                chosen, isPublic)).showRefusalOnly().successValue().ifPresent(app -> model.addAttribute("newApp", app));
        return page.render(principal, model);
    }

    @PostMapping("/merchant/apps/{clientId}/delete")
    String deleteApp(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable String clientId, Model model) {
        actions.run(model, () -> apps.deleteApp(principal, clientId))
                .show(done -> "The app was deleted; its tokens no longer work.");
        return page.render(principal, model);
    }

    @PostMapping("/merchant/api-keys/{id}/revoke")
    String revokeKey(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable String id, Model model) {
        actions.run(model, () -> keys.revoke(principal, id)).show(done -> "The key was revoked.");
        return page.render(principal, model);
    }

    @PostMapping("/merchant/payments/{id}/capture")
    String capture(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable String id, Model model) {
        actions.call(model, () -> payments.capture(principal, id, null)).show(done -> "Payment " + id + " captured: "
                + Amounts.format(done.value().amountCaptured(), done.value().currency()) + ".");
        return page.render(principal, model);
    }

    /** The amount is fingerprinted as typed: the same form sent twice replays, a changed amount is a new request. */
    @PostMapping("/merchant/payments/{id}/refund")
    String refund(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable String id,
            @RequestParam(defaultValue = "") String amount, @RequestParam(defaultValue = "") String currency,
            @RequestParam(defaultValue = "") String idempotencyKey, Model model) {
        actions.idempotent(model, () -> IdempotencyKey.of(principal.userId(), idempotencyKey, "POST",
                        "/merchant/refund/" + id, amount.strip() + " " + currency),
                RefundView.class, () -> payments.refund(principal, id, minorUnits(amount, currency)))
                .wordRefusal(refused -> "refund_exceeds_captured".equals(refused.code())
                        ? refundLimit(principal, id) : refused.message())
                .show(done -> "Refund of " + Amounts.format(done.value().amount(), done.value().currency())
                        + " sent for " + id + (done.replayed() ? " (this form was already sent)." : "."));
        return page.render(principal, model);
    }

    /** The service counts in minor units, as the API does; the page shows money. */
    private String refundLimit(CofferPrincipal principal, String paymentId) {
        var payment = payments.get(principal, paymentId);
        return "At most " + Amounts.format(payment.amountCaptured() - payment.amountRefunded(), payment.currency())
                + " of this payment can still be refunded.";
    }

    /** The typed refund amount; null (blank) refunds all that is left. */
    private static Long minorUnits(String amount, String currency) {
        if (amount.isBlank()) {
            return null;
        }
        return CurrencyCode.parse(currency).flatMap(code -> Amounts.parse(amount, code))
                .orElseThrow(() -> new ApiException(HttpStatus.BAD_REQUEST, "invalid_amount",
                        "Enter an amount such as 12.50"));
    }
}
