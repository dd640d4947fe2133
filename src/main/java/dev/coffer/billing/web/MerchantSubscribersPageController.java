package dev.coffer.billing.web;

import dev.coffer.billing.subscription.SubscriptionService;
import dev.coffer.billing.subscription.SubscriptionService.Subscriber;
import dev.coffer.identity.Users;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.Role;
import dev.coffer.platform.pages.Amounts;
import dev.coffer.platform.pages.PageActions;
import dev.coffer.platform.pages.PageController;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The merchant's subscribers (linked from the merchant page; billing's own page, since the merchant page's module
 * may not depend on billing): who subscribed to which plan, its status and period, and a cancel-at-once control
 * that asks first. Through the same service as {@code GET /api/v1/merchant/subscriptions} and its cancel.
 */
@PageController
class MerchantSubscribersPageController {

    private final SubscriptionService subscriptions;
    private final Users users;
    private final PageActions actions;

    MerchantSubscribersPageController(SubscriptionService subscriptions, Users users, PageActions actions) {
        this.subscriptions = subscriptions;
        this.users = users;
        this.actions = actions;
    }

    @GetMapping("/merchant/subscribers")
    String page(@AuthenticationPrincipal CofferPrincipal merchant, Model model) {
        return render(merchant, model);
    }

    /** The cancel button asks first (plan, customer, what stops); {@code confirmed=true} cancels at once. */
    @PostMapping("/merchant/subscribers/{id}/cancel")
    String cancel(@AuthenticationPrincipal CofferPrincipal merchant, @PathVariable String id,
            @RequestParam(defaultValue = "") String confirmed, Model model) {
        merchant.require(Role.MERCHANT);
        if (!"true".equals(confirmed)) {
            actions.call(model, () -> subscriptions.cancelableSubscriber(merchant.userId(), id)).showRefusalOnly()
                    .successValue().ifPresent(s -> model.addAttribute("review", row(s, nameOf(s))));
            return render(merchant, model);
        }
        actions.call(model, () -> subscriptions.cancelNow(merchant.userId(), id))
                .show(done -> "Canceled " + done.value().productName() + " at once: "
                        + nameOf(subscriptions.subscriberOf(merchant.userId(), id))
                        + " will not be charged again.");
        return render(merchant, model);
    }

    /** One subscriber as the page shows them. */
    record Row(String id, String customer, String plan, String price, String status, String periodEnd,
            boolean cancelable) {
    }

    private String render(CofferPrincipal merchant, Model model) {
        merchant.require(Role.MERCHANT);
        var found = subscriptions.subscribersOf(merchant.userId());
        var names = users.displayNames(found.stream().map(Subscriber::customerId).distinct().toList());
        model.addAttribute("subscribers", found.stream()
                .map(s -> row(s, names.getOrDefault(s.customerId(), "a customer"))).toList());
        return "merchant-subscribers";
    }

    private String nameOf(Subscriber s) {
        return users.displayNames(List.of(s.customerId())).getOrDefault(s.customerId(), "the customer");
    }

    private static Row row(Subscriber subscriber, String customer) {
        var s = subscriber.subscription();
        var every = s.intervalCount() == 1 ? s.interval() : s.intervalCount() + " " + s.interval() + "s";
        return new Row(s.id(), customer, s.productName(), Amounts.format(s.amount(), s.currency()) + " every " + every,
                "past_due".equals(s.status()) ? "past due" : s.status()
                        + (s.cancelAtPeriodEnd() && !"canceled".equals(s.status()) ? ", ends at period end" : ""),
                s.currentPeriodEnd().toString().substring(0, 10), !"canceled".equals(s.status()));
    }
}
