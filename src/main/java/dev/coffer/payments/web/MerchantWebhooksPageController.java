package dev.coffer.payments.web;

import dev.coffer.platform.ApiException;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.pages.PageActions;
import dev.coffer.platform.pages.PageController;
import dev.coffer.webhooks.WebhookEndpoints;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The merchant page's webhook endpoints: add one, choose its events, rotate its secret (shown once), send a test
 * event, delete it. The same service and checks as the API ({@code invalid_webhook_url}, unknown events, ownership).
 */
@PageController
class MerchantWebhooksPageController {

    private final WebhookEndpoints endpoints;
    private final PageActions actions;
    private final MerchantPage page;

    MerchantWebhooksPageController(WebhookEndpoints endpoints, PageActions actions, MerchantPage page) {
        this.endpoints = endpoints;
        this.actions = actions;
        this.page = page;
    }

    @PostMapping("/merchant/webhook-endpoints")
    String create(@AuthenticationPrincipal CofferPrincipal principal, @RequestParam(defaultValue = "") String url,
            @RequestParam(required = false) List<String> events, Model model) {
        actions.call(model, () -> endpoints.create(principal, url.strip(), chosen(events))).showRefusalOnly()
                .successValue().ifPresent(created -> model.addAttribute("newSecret", created));
        return page.render(principal, model);
    }

    @PostMapping("/merchant/webhook-endpoints/{id}/events")
    String changeEvents(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable String id,
            @RequestParam(required = false) List<String> events, Model model) {
        actions.call(model, () -> endpoints.update(principal, id, null, chosen(events), null))
                .show(done -> "This endpoint now hears " + String.join(", ", done.value().events()) + ".");
        return page.render(principal, model);
    }

    @PostMapping("/merchant/webhook-endpoints/{id}/rotate")
    String rotate(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable String id, Model model) {
        actions.call(model, () -> endpoints.rotate(principal, id)).showRefusalOnly().successValue()
                .ifPresent(rotated -> model.addAttribute("newSecret", rotated));
        return page.render(principal, model);
    }

    @PostMapping("/merchant/webhook-endpoints/{id}/test")
    String sendTestEvent(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable String id, Model model) {
        actions.call(model, () -> endpoints.sendTestEvent(principal, id))
                .show(done -> "A test event is on its way; its delivery shows below in a moment.");
        return page.render(principal, model);
    }

    @PostMapping("/merchant/webhook-endpoints/{id}/delete")
    String delete(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable String id, Model model) {
        actions.run(model, () -> endpoints.delete(principal, id)).show(done -> "The endpoint was deleted.");
        return page.render(principal, model);
    }

    /** The ticked events; the API needs at least one, and so does the form. */
    private static List<String> chosen(List<String> events) {
        if (events == null || events.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed", "Tick at least one event.");
        }
        return events;
    }
}
