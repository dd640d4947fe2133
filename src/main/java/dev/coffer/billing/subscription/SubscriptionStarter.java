package dev.coffer.billing.subscription;

import dev.coffer.billing.BillingEvent;
import dev.coffer.billing.scheduling.Jobs;
import dev.coffer.payments.RecurringPrices;
import dev.coffer.payments.SubscriptionCheckoutPaid;
import dev.coffer.platform.Ids;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starts a subscription when its checkout session is paid, in the payment's transaction: the subscription, its
 * first period's paid invoice (the checkout's payment), the renewal at the period's end, and the merchant's
 * {@code customer.subscription.created} and {@code invoice.paid}.
 */
@Component
class SubscriptionStarter {

    private final SubscriptionRepository subscriptions;
    private final RecurringPrices prices;
    private final Jobs jobs;
    private final RenewalRunner renewals;
    private final ApplicationEventPublisher events;

    SubscriptionStarter(SubscriptionRepository subscriptions, RecurringPrices prices, Jobs jobs,
            RenewalRunner renewals, ApplicationEventPublisher events) {
        this.subscriptions = subscriptions;
        this.prices = prices;
        this.jobs = jobs;
        this.renewals = renewals;
        this.events = events;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(SubscriptionCheckoutPaid paid) {
        var price = prices.find(paid.merchantId(), paid.priceId()).orElseThrow();
        var interval = dev.coffer.billing.Interval.fromWord(price.interval()).orElseThrow();
        var anchor = paid.paidAt();
        var end = interval.occurrence(anchor, price.intervalCount(), 1);
        var subscription = new Subscription(Ids.newId("sub"), paid.merchantId(), paid.payerId(),
                paid.payerAccountId(), paid.settlementAccountId(), price.id(), price.productName(), paid.amount(),
                paid.currency(), interval, price.intervalCount(), anchor, 0, anchor, end, Subscription.ACTIVE, false,
                anchor, null);
        subscriptions.insert(subscription, paid.sessionId());
        var invoice = new Invoice(Ids.newId("in"), subscription.id(), paid.merchantId(), 0, paid.amount(),
                paid.currency(), Invoice.PAID, anchor, end, 1, null, paid.paymentId(), anchor, anchor);
        subscriptions.insertInvoice(invoice);
        jobs.runAt(renewals, subscription.id(), end);
        events.publishEvent(new BillingEvent(paid.merchantId(), BillingEvent.SUBSCRIPTION_CREATED,
                Views.SubscriptionView.of(subscription)));
        events.publishEvent(new BillingEvent(paid.merchantId(), BillingEvent.INVOICE_PAID,
                Views.InvoiceView.of(invoice)));
    }
}
