package dev.coffer.payments.web;

import dev.coffer.identity.OAuthApps;
import dev.coffer.identity.Users;
import dev.coffer.ledger.Ledger;
import dev.coffer.payments.PaymentView;
import dev.coffer.payments.apikey.ApiKeyService;
import dev.coffer.payments.payment.PaymentService;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.webhooks.EventTypes;
import dev.coffer.webhooks.WebhookEndpoints;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** Everything the merchant page shows, filled in after any of its forms did its work. */
@Component
class MerchantPage {

    private static final int RECENT_PAYMENTS = 25;

    private final ApiKeyService keys;
    private final PaymentService payments;
    private final WebhookEndpoints endpoints;
    private final Ledger ledger;
    private final Users users;
    private final OAuthApps apps;

    MerchantPage(ApiKeyService keys, PaymentService payments, WebhookEndpoints endpoints, Ledger ledger,
            Users users, OAuthApps apps) {
        this.apps = apps;
        this.keys = keys;
        this.payments = payments;
        this.endpoints = endpoints;
        this.ledger = ledger;
        this.users = users;
    }

    String render(CofferPrincipal principal, Model model) {
        model.addAttribute("keys", keys.list(principal));
        model.addAttribute("apps", apps.apps(principal));
        var recent = payments.recent(principal, RECENT_PAYMENTS);
        model.addAttribute("payments", recent);
        model.addAttribute("payers", payerNames(recent));
        var hooks = new LinkedHashMap<Object, Object>();
        endpoints.list(principal).forEach(e -> hooks.put(e, endpoints.recentDeliveries(e.id())));
        model.addAttribute("endpoints", hooks);
        model.addAttribute("eventTypes", EventTypes.ALL);
        model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
        return "merchant";
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
}
