package dev.coffer.billing.subscription;

import dev.coffer.billing.BillingEvent;
import dev.coffer.platform.ApiException;
import java.time.Clock;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What customers and merchants do with subscriptions: list them, cancel (a customer at the period's end, a merchant
 * at once), read the invoices. Each sees only their own; anyone else's id is 404.
 */
@Service
public class SubscriptionService {

    private final SubscriptionRepository subscriptions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SubscriptionService(SubscriptionRepository subscriptions, ApplicationEventPublisher events, Clock clock) {
        this.subscriptions = subscriptions;
        this.events = events;
        this.clock = clock;
    }

    public List<Views.SubscriptionView> ofCustomer(String customerId) {
        return subscriptions.ofCustomer(customerId).stream().map(Views.SubscriptionView::of).toList();
    }

    List<Views.SubscriptionView> ofMerchant(String merchantId) {
        return subscriptions.ofMerchant(merchantId).stream().map(Views.SubscriptionView::of).toList();
    }

    /** A merchant's subscription with the user who subscribed (the merchant's page names them). */
    public record Subscriber(Views.SubscriptionView subscription, String customerId) {
    }

    /** The merchant's subscribers, newest first, as {@link #ofMerchant} lists them for the API. */
    public List<Subscriber> subscribersOf(String merchantId) {
        return subscriptions.ofMerchant(merchantId).stream()
                .map(s -> new Subscriber(Views.SubscriptionView.of(s), s.customerId())).toList();
    }

    /** One of the merchant's subscribers; another merchant's id is 404. */
    public Subscriber subscriberOf(String merchantId, String id) {
        var s = subscriptions.find(id).filter(found -> merchantId.equals(found.merchantId()))
                .orElseThrow(() -> ApiException.notFound("Subscription"));
        return new Subscriber(Views.SubscriptionView.of(s), s.customerId());
    }

    /** {@link #subscriberOf}, refused as {@link #cancelNow} would refuse it: to confirm a cancellation first. */
    public Subscriber cancelableSubscriber(String merchantId, String id) {
        var subscriber = subscriberOf(merchantId, id);
        if (Subscription.CANCELED.equals(subscriber.subscription().status())) {
            throw new ApiException(HttpStatus.CONFLICT, "subscription_canceled", "This subscription is canceled");
        }
        return subscriber;
    }

    /** The customer's cancel: the subscription runs to the end of the paid period, then ends (nothing is refunded). */
    @Transactional
    public Views.SubscriptionView cancelAtPeriodEnd(String customerId, String id) {
        var s = subscriptions.lock(id).filter(found -> customerId.equals(found.customerId()))
                .orElseThrow(() -> ApiException.notFound("Subscription"));
        refuseCanceled(s);
        if (s.cancelAtPeriodEnd()) {
            return Views.SubscriptionView.of(s);
        }
        var marked = new Subscription(s.id(), s.merchantId(), s.customerId(), s.customerAccountId(),
                s.settlementAccountId(), s.priceId(), s.productName(), s.amount(), s.currency(), s.interval(),
                s.intervalCount(), s.anchorAt(), s.periodIndex(), s.currentPeriodStart(), s.currentPeriodEnd(),
                s.status(), true, s.createdAt(), null);
        subscriptions.update(marked);
        var view = Views.SubscriptionView.of(marked);
        events.publishEvent(new BillingEvent(s.merchantId(), BillingEvent.SUBSCRIPTION_UPDATED, view));
        return view;
    }

    /**
     * The merchant's cancel: at once; no further period is billed. A past-due subscription's open invoice will not
     * be retried any more, so it is {@code uncollectible} now (as when dunning gives up), not left open forever.
     */
    @Transactional
    public Views.SubscriptionView cancelNow(String merchantId, String id) {
        var s = subscriptions.lock(id).filter(found -> merchantId.equals(found.merchantId()))
                .orElseThrow(() -> ApiException.notFound("Subscription"));
        refuseCanceled(s);
        var canceled = new Subscription(s.id(), s.merchantId(), s.customerId(), s.customerAccountId(),
                s.settlementAccountId(), s.priceId(), s.productName(), s.amount(), s.currency(), s.interval(),
                s.intervalCount(), s.anchorAt(), s.periodIndex(), s.currentPeriodStart(), s.currentPeriodEnd(),
                Subscription.CANCELED, s.cancelAtPeriodEnd(), s.createdAt(), clock.instant());
        subscriptions.update(canceled);
        if (Subscription.PAST_DUE.equals(s.status())) {
            subscriptions.invoice(s.id(), s.periodIndex()).filter(i -> Invoice.OPEN.equals(i.status()))
                    .ifPresent(open -> {
                        var uncollectible = open.withStatus(Invoice.UNCOLLECTIBLE);
                        subscriptions.updateInvoice(uncollectible);
                        events.publishEvent(new BillingEvent(s.merchantId(), BillingEvent.INVOICE_MARKED_UNCOLLECTIBLE,
                                Views.InvoiceView.of(uncollectible)));
                    });
        }
        var view = Views.SubscriptionView.of(canceled);
        events.publishEvent(new BillingEvent(s.merchantId(), BillingEvent.SUBSCRIPTION_DELETED, view));
        return view;
    }

    /** The subscription's invoices, newest first, for its merchant or its customer. */
    List<Views.InvoiceView> invoices(String userId, String subscriptionId) {
        subscriptions.find(subscriptionId)
                .filter(s -> userId.equals(s.merchantId()) || userId.equals(s.customerId()))
                .orElseThrow(() -> ApiException.notFound("Subscription"));
        return subscriptions.invoices(subscriptionId).stream().map(Views.InvoiceView::of).toList();
    }

    private static void refuseCanceled(Subscription s) {
        if (Subscription.CANCELED.equals(s.status())) {
            throw new ApiException(HttpStatus.CONFLICT, "subscription_canceled", "This subscription is canceled");
        }
    }
}
