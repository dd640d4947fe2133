package dev.coffer.payments.web;

import dev.coffer.identity.OAuthApps;
import dev.coffer.payments.RefundView;
import dev.coffer.payments.apikey.ApiKeyService;
import dev.coffer.payments.payment.PaymentQuery;
import dev.coffer.payments.payment.PaymentService;
import dev.coffer.payments.payment.PaymentService.MerchantAction;
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

    /** The value of a confirmation form's {@code confirmed} field: without it, an action is only shown. */
    static final String CONFIRMED = "true";

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

    /** The page; its payments list filtered by status and days (UTC, both included), page by page. */
    @GetMapping("/merchant")
    String show(@AuthenticationPrincipal CofferPrincipal principal, @RequestParam(defaultValue = "") String status,
            @RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to,
            @RequestParam(defaultValue = "") String cursor, Model model) {
        var filters = new MerchantPage.ListFilters(status.strip(), from.strip(), to.strip());
        // A filter the page cannot read is said so, and the list starts over unfiltered.
        var query = actions.call(model, () -> PaymentQuery.parse(status, from, to, cursor)).showRefusalOnly()
                .successValue();
        return page.render(principal, model, query.isPresent() ? filters : MerchantPage.ListFilters.NONE,
                query.orElse(PaymentQuery.ALL));
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

    /**
     * Capture, first as a confirmation (what will happen, how much, whose money), then, with {@code confirmed}, for
     * real. Each step checks the payment as it is now: a stale row's button shows the refusal, never a success.
     */
    @PostMapping("/merchant/payments/{id}/capture")
    String capture(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable String id,
            @RequestParam(defaultValue = "") String confirmed, Model model) {
        if (!CONFIRMED.equals(confirmed)) {
            return review(principal, id, MerchantAction.CAPTURE, "", "", "", model);
        }
        actions.call(model, () -> payments.capture(principal, id, null)).show(done -> "Captured "
                + Amounts.format(done.value().amountCaptured(), done.value().currency()) + " from "
                + page.payerName(done.value()) + " (payment " + id + ").");
        return page.render(principal, model);
    }

    @PostMapping("/merchant/payments/{id}/cancel")
    String cancel(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable String id,
            @RequestParam(defaultValue = "") String confirmed, Model model) {
        if (!CONFIRMED.equals(confirmed)) {
            return review(principal, id, MerchantAction.CANCEL, "", "", "", model);
        }
        actions.call(model, () -> payments.cancel(principal, id)).show(done -> "Canceled: the hold of "
                + Amounts.format(done.value().amount(), done.value().currency()) + " on "
                + page.payerName(done.value()) + "'s account was released (payment " + id + ").");
        return page.render(principal, model);
    }

    /**
     * A refund, confirmed first. The amount is fingerprinted as typed: the same confirmation sent twice replays, a
     * changed amount is a new request.
     */
    @PostMapping("/merchant/payments/{id}/refund")
    String refund(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable String id,
            @RequestParam(defaultValue = "") String amount, @RequestParam(defaultValue = "") String currency,
            @RequestParam(defaultValue = "") String idempotencyKey, @RequestParam(defaultValue = "") String confirmed,
            Model model) {
        if (!CONFIRMED.equals(confirmed)) {
            return review(principal, id, MerchantAction.REFUND, amount, currency, idempotencyKey, model);
        }
        actions.idempotent(model, () -> IdempotencyKey.of(principal.userId(), idempotencyKey, "POST",
                        "/merchant/refund/" + id, amount.strip() + " " + currency),
                RefundView.class, () -> payments.refund(principal, id, minorUnits(amount, currency)))
                .wordRefusal(refused -> "refund_exceeds_captured".equals(refused.code())
                        ? refundLimit(principal, id) : refused.message())
                .show(done -> "Refund of " + Amounts.format(done.value().amount(), done.value().currency())
                        + " sent to " + page.payerName(payments.get(principal, id)) + " for " + id
                        + (done.replayed() ? " (this form was already sent)." : "."));
        return page.render(principal, model);
    }

    /** What the confirmation step shows, and what its form sends back to do it. */
    record Review(String action, String paymentId, String customerName, String amount, String effect,
            String button, String amountText, String currency, String idempotencyKey) {
    }

    private String review(CofferPrincipal principal, String id, MerchantAction action, String amountText,
            String currency, String idempotencyKey, Model model) {
        actions.call(model, () -> reviewOf(principal, id, action, amountText, currency, idempotencyKey))
                .wordRefusal(refused -> "refund_exceeds_captured".equals(refused.code())
                        ? refundLimit(principal, id) : refused.message())
                .showRefusalOnly().successValue().ifPresent(review -> model.addAttribute("review", review));
        return page.render(principal, model);
    }

    private Review reviewOf(CofferPrincipal principal, String id, MerchantAction action, String amountText,
            String currency, String idempotencyKey) {
        var minor = action == MerchantAction.REFUND ? minorUnits(amountText, currency) : null;
        var payment = payments.checkForMerchant(principal, id, action, minor);
        var name = page.payerName(payment);
        var money = switch (action) {
            case CAPTURE, CANCEL -> payment.amount();
            case REFUND -> minor == null ? payment.amountCaptured() - payment.amountRefunded() : minor;
        };
        var amount = Amounts.format(money, payment.currency());
        return switch (action) {
            case CAPTURE -> new Review("capture", id, name, amount, "Capture " + amount + " from " + name
                    + ": the held money moves to your settlement account.", "Capture " + amount, "", "", "");
            case CANCEL -> new Review("cancel", id, name, amount, "Cancel the payment: the hold of " + amount + " on "
                    + name + "'s account is released and nothing is charged.", "Cancel the payment", "", "", "");
            case REFUND -> new Review("refund", id, name, amount, "Refund " + amount + " to " + name
                    + ": the money goes from your settlement account back to theirs.", "Refund " + amount,
                    amountText.strip(), currency, idempotencyKey);
        };
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
