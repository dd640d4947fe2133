package dev.coffer.payments.web;

import dev.coffer.identity.Users;
import dev.coffer.ledger.Ledger;
import dev.coffer.payments.PaymentView;
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
import dev.coffer.webhooks.WebhookEndpoints;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The merchant page: API keys, latest payments with capture and refund, webhook endpoints and their deliveries. */
@PageController
class MerchantPageController {

    private static final int RECENT_PAYMENTS = 25;

    private final ApiKeyService keys;
    private final PaymentService payments;
    private final WebhookEndpoints endpoints;
    private final PageActions actions;
    private final Ledger ledger;
    private final Users users;

    MerchantPageController(ApiKeyService keys, PaymentService payments, WebhookEndpoints endpoints,
            PageActions actions, Ledger ledger, Users users) {
        this.ledger = ledger;
        this.users = users;
        this.keys = keys;
        this.payments = payments;
        this.endpoints = endpoints;
        this.actions = actions;
    }

    @GetMapping("/merchant")
    String page(@AuthenticationPrincipal CofferPrincipal principal, Model model) {
        return render(principal, model);
    }

    @PostMapping("/merchant/api-keys")
    String createKey(@AuthenticationPrincipal CofferPrincipal principal, @RequestParam(defaultValue = "") String name,
            Model model) {
        actions.call(model, () -> keys.create(principal, name.isBlank() ? "Unnamed key" : name.strip()))
                .showRefusalOnly().successValue().ifPresent(key -> model.addAttribute("newKey", key));
        return render(principal, model);
    }

    @PostMapping("/merchant/api-keys/{id}/revoke")
    String revokeKey(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable String id, Model model) {
        actions.run(model, () -> keys.revoke(principal, id)).show(done -> "The key was revoked.");
        return render(principal, model);
    }

    @PostMapping("/merchant/webhook-endpoints/{id}/test")
    String sendTestEvent(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable String id, Model model) {
        actions.call(model, () -> endpoints.sendTestEvent(principal, id))
                .show(done -> "A test event is on its way; its delivery shows below in a moment.");
        return render(principal, model);
    }

    @PostMapping("/merchant/payments/{id}/capture")
    String capture(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable String id, Model model) {
        actions.call(model, () -> payments.capture(principal, id, null)).show(done -> "Payment " + id + " captured: "
                + Amounts.format(done.value().amountCaptured(), done.value().currency()) + ".");
        return render(principal, model);
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
        return render(principal, model);
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

    /** Payment id → the name of the person who paid, so the list shows people rather than account ids. */
    private Map<String, String> payerNames(List<PaymentView> recent) {
        var ownerByPayment = new HashMap<String, String>();
        for (var payment : recent) {
            ledger.account(payment.payerAccountId())
                    .ifPresent(account -> ownerByPayment.put(payment.id(), account.ownerId()));
        }
        var names = users.displayNames(Set.copyOf(ownerByPayment.values()));
        var payers = new HashMap<String, String>();
        ownerByPayment.forEach((payment, owner) -> payers.put(payment, names.getOrDefault(owner, "–")));
        return payers;
    }

    private String render(CofferPrincipal principal, Model model) {
        model.addAttribute("keys", keys.list(principal));
        var recent = payments.recent(principal, RECENT_PAYMENTS);
        model.addAttribute("payments", recent);
        model.addAttribute("payers", payerNames(recent));
        var hooks = new LinkedHashMap<Object, Object>();
        endpoints.list(principal).forEach(e -> hooks.put(e, endpoints.recentDeliveries(e.id())));
        model.addAttribute("endpoints", hooks);
        model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
        return "merchant";
    }
}
