package dev.coffer.billing.web;

import dev.coffer.billing.subscription.SubscriptionService;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.pages.PageActions;
import dev.coffer.platform.pages.PageController;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** The customer's subscriptions, each with its period and a control to cancel it at the period's end. */
@PageController
class SubscriptionsPageController {

    private final SubscriptionService subscriptions;
    private final PageActions actions;

    SubscriptionsPageController(SubscriptionService subscriptions, PageActions actions) {
        this.subscriptions = subscriptions;
        this.actions = actions;
    }

    @GetMapping("/subscriptions")
    String page(@AuthenticationPrincipal CofferPrincipal principal, Model model) {
        return render(principal, model);
    }

    @PostMapping("/subscriptions/{id}/cancel")
    String cancel(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable String id, Model model) {
        actions.call(model, () -> subscriptions.cancelAtPeriodEnd(principal.userId(), id))
                .show(done -> done.value().productName() + " ends on "
                        + done.value().currentPeriodEnd().toString().substring(0, 10) + "; you will not be charged "
                        + "again.");
        return render(principal, model);
    }

    private String render(CofferPrincipal principal, Model model) {
        model.addAttribute("subscriptions", subscriptions.ofCustomer(principal.userId()));
        return "subscriptions";
    }
}
