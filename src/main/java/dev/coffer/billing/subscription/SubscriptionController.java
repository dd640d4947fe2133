package dev.coffer.billing.subscription;

import static dev.coffer.platform.CofferPrincipal.Kind.API_KEY;
import static dev.coffer.platform.CofferPrincipal.Kind.SESSION;

import dev.coffer.platform.Accepts;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.IdOf;
import dev.coffer.platform.Ids;
import dev.coffer.platform.Refuses;
import dev.coffer.platform.Role;
import dev.coffer.platform.openapi.ApiTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Subscriptions: the customer's (session) and the merchant's (API key), and their invoices. */
@RestController
@Tag(name = ApiTags.CHECKOUT)
class SubscriptionController {

    private final SubscriptionService service;

    SubscriptionController(SubscriptionService service) {
        this.service = service;
    }

    record SubscriptionList(List<Views.SubscriptionView> data) {
    }

    record InvoiceList(List<Views.InvoiceView> data) {
    }

    @Accepts(SESSION)
    @Operation(operationId = "listSubscriptions", summary = "The caller's subscriptions, newest first")
    @GetMapping("/api/v1/subscriptions")
    SubscriptionList mine(@AuthenticationPrincipal CofferPrincipal principal) {
        return new SubscriptionList(service.ofCustomer(principal.userId()));
    }

    @Accepts(SESSION)
    @Operation(operationId = "cancelSubscription", summary = "Cancel one's subscription at the end of its period")
    @Refuses(status = 409, codes = "subscription_canceled")
    @PostMapping("/api/v1/subscriptions/{id}/cancel")
    Views.SubscriptionView cancel(@AuthenticationPrincipal CofferPrincipal principal,
            @PathVariable @IdOf("sub") String id) {
        return service.cancelAtPeriodEnd(principal.userId(), id);
    }

    @Accepts(API_KEY)
    @Operation(operationId = "listMerchantSubscriptions", summary = "The merchant's subscribers, newest first")
    @GetMapping("/api/v1/merchant/subscriptions")
    SubscriptionList merchants(@AuthenticationPrincipal CofferPrincipal principal) {
        principal.require(Role.MERCHANT);
        return new SubscriptionList(service.ofMerchant(principal.userId()));
    }

    @Accepts(API_KEY)
    @Operation(operationId = "cancelMerchantSubscription", summary = "Cancel a subscriber's subscription at once")
    @Refuses(status = 409, codes = "subscription_canceled")
    @PostMapping("/api/v1/merchant/subscriptions/{id}/cancel")
    Views.SubscriptionView cancelNow(@AuthenticationPrincipal CofferPrincipal principal,
            @PathVariable @IdOf("sub") String id) {
        principal.require(Role.MERCHANT);
        return service.cancelNow(principal.userId(), id);
    }

    @Accepts({API_KEY, SESSION})
    @Operation(operationId = "listInvoices", summary = "A subscription's invoices, newest first (its merchant or "
            + "its customer)")
    @Refuses(status = 404, codes = "not_found")
    @GetMapping("/api/v1/invoices")
    InvoiceList invoices(@AuthenticationPrincipal CofferPrincipal principal,
            @RequestParam String subscriptionId) {
        if (!Ids.looksLike(subscriptionId, "sub")) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed",
                    "subscriptionId must be a subscription's id (sub_…)");
        }
        return new InvoiceList(service.invoices(principal.userId(), subscriptionId));
    }
}
