package dev.coffer.payments.web;

import dev.coffer.identity.OAuthApps;
import dev.coffer.identity.Users;
import dev.coffer.ledger.Ledger;
import dev.coffer.payments.PaymentView;
import dev.coffer.payments.apikey.ApiKeyService;
import dev.coffer.payments.payment.PaymentQuery;
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

    static final int PAYMENTS_PER_PAGE = 20;

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

    /** The filters of the payments list as typed, shown again in its form and carried by its next-page link. */
    record ListFilters(String status, String from, String to) {
        static final ListFilters NONE = new ListFilters("", "", "");
    }

    /** The page after a form did its work: the payments list from its newest, unfiltered. */
    String render(CofferPrincipal principal, Model model) {
        return render(principal, model, ListFilters.NONE, PaymentQuery.ALL);
    }

    String render(CofferPrincipal principal, Model model, ListFilters filters, PaymentQuery query) {
        model.addAttribute("keys", keys.list(principal));
        model.addAttribute("apps", apps.apps(principal));
        var page = payments.list(principal, query, PAYMENTS_PER_PAGE);
        model.addAttribute("payments", page.data());
        model.addAttribute("nextCursor", page.nextCursor());
        model.addAttribute("filters", filters);
        model.addAttribute("statuses", PaymentQuery.STATUSES);
        model.addAttribute("filtered", !filters.equals(ListFilters.NONE));
        model.addAttribute("payers", payerNames(page.data()));
        var hooks = new LinkedHashMap<Object, Object>();
        endpoints.list(principal).forEach(e -> hooks.put(e, endpoints.recentDeliveries(e.id())));
        model.addAttribute("endpoints", hooks);
        model.addAttribute("eventTypes", EventTypes.ALL);
        model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
        return "merchant";
    }

    /** The name of the person who paid this payment, for the confirmation step. */
    String payerName(PaymentView payment) {
        return payerNames(List.of(payment)).getOrDefault(payment.id(), "the customer");
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
