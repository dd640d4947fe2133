package dev.coffer.web.merchant;

import dev.coffer.payments.apikey.ApiKeyService;
import dev.coffer.payments.payment.PaymentService;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.idempotency.IdempotencyKey;
import dev.coffer.platform.idempotency.IdempotentExecutor;
import dev.coffer.web.Amounts;
import dev.coffer.webhooks.endpoint.DeliveryLog;
import dev.coffer.webhooks.endpoint.EndpointService;
import java.util.LinkedHashMap;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The merchant page: API keys, latest payments with capture and refund, webhook endpoints and their deliveries. */
@Controller
class MerchantPageController {

    private static final int RECENT_PAYMENTS = 25;

    private final ApiKeyService keys;
    private final PaymentService payments;
    private final EndpointService endpoints;
    private final DeliveryLog deliveries;
    private final IdempotentExecutor idempotent;

    MerchantPageController(ApiKeyService keys, PaymentService payments, EndpointService endpoints,
            DeliveryLog deliveries, IdempotentExecutor idempotent) {
        this.keys = keys;
        this.payments = payments;
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.idempotent = idempotent;
    }

    @GetMapping("/merchant")
    String page(@AuthenticationPrincipal CofferPrincipal principal, Model model) {
        return render(principal, model);
    }

    @PostMapping("/merchant/api-keys")
    String createKey(@AuthenticationPrincipal CofferPrincipal principal, @RequestParam(defaultValue = "") String name,
            Model model) {
        return act(principal, model, () -> model.addAttribute("newKey",
                keys.create(principal, name.isBlank() ? "Unnamed key" : name.strip())));
    }

    @PostMapping("/merchant/api-keys/{id}/revoke")
    String revokeKey(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable String id, Model model) {
        return act(principal, model, () -> {
            keys.revoke(principal, id);
            model.addAttribute("notice", "The key was revoked.");
        });
    }

    @PostMapping("/merchant/payments/{id}/capture")
    String capture(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable String id, Model model) {
        return act(principal, model, () -> {
            payments.capture(principal, id, null);
            model.addAttribute("notice", "Payment " + id + " captured.");
        });
    }

    @PostMapping("/merchant/payments/{id}/refund")
    String refund(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable String id,
            @RequestParam(defaultValue = "") String amount, @RequestParam(defaultValue = "") String currency,
            @RequestParam(defaultValue = "") String idempotencyKey, Model model) {
        return act(principal, model, () -> {
            Long minor = amount.isBlank() ? null : Amounts.parse(amount, dev.coffer.platform.CurrencyCode.of(currency))
                    .orElseThrow(() -> new ApiException(HttpStatus.BAD_REQUEST, "invalid_amount",
                            "Enter an amount such as 12.50"));
            var key = IdempotencyKey.of(principal.userId(), idempotencyKey, "POST", "/merchant/refund/" + id,
                    String.valueOf(minor));
            idempotent.execute(key, () -> new IdempotentExecutor.Success(HttpStatus.CREATED,
                    payments.refund(principal, id, minor)));
            model.addAttribute("notice", "Refund sent for " + id + ".");
        });
    }

    private String act(CofferPrincipal principal, Model model, Runnable action) {
        try {
            action.run();
        } catch (ApiException e) {
            model.addAttribute("error", e.getMessage());
        }
        return render(principal, model);
    }

    private String render(CofferPrincipal principal, Model model) {
        model.addAttribute("keys", keys.list(principal));
        model.addAttribute("payments", payments.recent(principal, RECENT_PAYMENTS));
        var hooks = new LinkedHashMap<Object, Object>();
        endpoints.list(principal).forEach(e -> hooks.put(e, deliveries.recent(e.id()).data()));
        model.addAttribute("endpoints", hooks);
        model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
        return "merchant";
    }
}
