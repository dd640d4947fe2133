package dev.coffer.billing.subscription;

import dev.coffer.billing.BillingEvent;
import dev.coffer.billing.scheduling.DueWork;
import dev.coffer.ledger.Ledger;
import dev.coffer.ledger.LedgerResult;
import dev.coffer.ledger.TransferKind;
import dev.coffer.platform.CurrencyCode;
import dev.coffer.platform.Ids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A subscription's due steps, one transaction each under its row lock: at a period's end, bill the next period
 * (its invoice keyed by subscription + period, charged from the customer's account to the merchant's); refused for
 * funds, the subscription is {@code past_due} and the invoice is retried 1, 3 and 5 days after the period's end;
 * refused on day 5, the invoice is {@code uncollectible} and the subscription {@code canceled}. A subscription set to
 * cancel at the period's end is canceled then instead. After a clock jump it catches up period by period.
 */
@Component
class RenewalRunner implements DueWork {

    static final String TASK = "subscription-renewal";
    static final List<Duration> RETRIES = List.of(Duration.ofDays(1), Duration.ofDays(3), Duration.ofDays(5));
    static final int MAX_STEPS_PER_EXECUTION = 100;

    private final SubscriptionRepository subscriptions;
    private final Ledger ledger;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    RenewalRunner(SubscriptionRepository subscriptions, Ledger ledger, TransactionTemplate transactions,
            ApplicationEventPublisher events, Clock clock) {
        this.subscriptions = subscriptions;
        this.ledger = ledger;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public String taskName() {
        return TASK;
    }

    @Override
    public Optional<Instant> runDue(String id) {
        return DueWork.catchUp(transactions, clock, MAX_STEPS_PER_EXECUTION, () -> step(id));
    }

    private Optional<Instant> step(String id) {
        var s = subscriptions.lock(id).orElse(null);
        if (s == null || Subscription.CANCELED.equals(s.status())) {
            return Optional.empty();
        }
        var now = clock.instant();
        return Subscription.PAST_DUE.equals(s.status()) ? retry(s, now) : renew(s, now);
    }

    private Optional<Instant> renew(Subscription s, Instant now) {
        if (now.isBefore(s.currentPeriodEnd())) {
            return Optional.of(s.currentPeriodEnd());
        }
        if (s.cancelAtPeriodEnd()) {
            var canceled = with(s, s.periodIndex(), Subscription.CANCELED, s.currentPeriodEnd());
            subscriptions.update(canceled);
            publish(s, BillingEvent.SUBSCRIPTION_DELETED, Views.SubscriptionView.of(canceled));
            return Optional.empty();
        }
        int period = s.periodIndex() + 1;
        var start = s.currentPeriodEnd();
        var end = s.periodStart(period + 1);
        var invoice = new Invoice(Ids.newId("in"), s.id(), s.merchantId(), period, s.amount(), s.currency(),
                Invoice.OPEN, start, end, 1, null, null, now, null);
        if (!subscriptions.insertInvoice(invoice)) {
            // The period's key is taken: only possible without the row lock (a bug). Roll back, charge nothing.
            throw new IllegalStateException("period " + period + " of " + s.id() + " was billed twice");
        }
        var charged = charge(s, invoice, now);
        if (charged.isPresent()) {
            var renewed = with(s, period, Subscription.ACTIVE, null);
            subscriptions.update(renewed);
            publish(s, BillingEvent.INVOICE_PAID, Views.InvoiceView.of(charged.get()));
            publish(s, BillingEvent.SUBSCRIPTION_UPDATED, Views.SubscriptionView.of(renewed));
            return Optional.of(end);
        }
        var pastDue = with(s, period, Subscription.PAST_DUE, null);
        subscriptions.update(pastDue);
        publish(s, BillingEvent.INVOICE_PAYMENT_FAILED, Views.InvoiceView.of(invoice));
        publish(s, BillingEvent.SUBSCRIPTION_UPDATED, Views.SubscriptionView.of(pastDue));
        return Optional.of(start.plus(RETRIES.getFirst()));
    }

    private Optional<Instant> retry(Subscription s, Instant now) {
        var invoice = subscriptions.invoice(s.id(), s.periodIndex()).orElseThrow();
        int retry = invoice.attempts(); // the first attempt was at the period's end; retries follow
        var due = invoice.periodStart().plus(RETRIES.get(retry - 1));
        if (now.isBefore(due)) {
            return Optional.of(due);
        }
        var tried = new Invoice(invoice.id(), invoice.subscriptionId(), invoice.merchantId(), invoice.periodIndex(),
                invoice.amount(), invoice.currency(), Invoice.OPEN, invoice.periodStart(), invoice.periodEnd(),
                retry + 1, null, null, invoice.createdAt(), null);
        var charged = charge(s, tried, now);
        if (charged.isPresent()) {
            var active = with(s, s.periodIndex(), Subscription.ACTIVE, null);
            subscriptions.update(active);
            publish(s, BillingEvent.INVOICE_PAID, Views.InvoiceView.of(charged.get()));
            publish(s, BillingEvent.SUBSCRIPTION_UPDATED, Views.SubscriptionView.of(active));
            return Optional.of(s.currentPeriodEnd());
        }
        if (retry >= RETRIES.size()) {
            var uncollectible = new Invoice(tried.id(), tried.subscriptionId(), tried.merchantId(),
                    tried.periodIndex(), tried.amount(), tried.currency(), Invoice.UNCOLLECTIBLE, tried.periodStart(),
                    tried.periodEnd(), tried.attempts(), null, null, tried.createdAt(), null);
            subscriptions.updateInvoice(uncollectible);
            var canceled = with(s, s.periodIndex(), Subscription.CANCELED, now);
            subscriptions.update(canceled);
            publish(s, BillingEvent.INVOICE_PAYMENT_FAILED, Views.InvoiceView.of(uncollectible));
            publish(s, BillingEvent.INVOICE_MARKED_UNCOLLECTIBLE, Views.InvoiceView.of(uncollectible));
            publish(s, BillingEvent.SUBSCRIPTION_DELETED, Views.SubscriptionView.of(canceled));
            return Optional.empty();
        }
        subscriptions.updateInvoice(tried);
        publish(s, BillingEvent.INVOICE_PAYMENT_FAILED, Views.InvoiceView.of(tried));
        return Optional.of(invoice.periodStart().plus(RETRIES.get(retry)));
    }

    /** Charges the invoice; the paid invoice (stored) when the ledger took the money, empty when it refused. */
    private Optional<Invoice> charge(Subscription s, Invoice invoice, Instant now) {
        var transferId = Ids.newId("tr");
        var result = ledger.transfer(transferId, TransferKind.PAYMENT, s.customerAccountId(),
                s.settlementAccountId(), invoice.amount(), CurrencyCode.of(invoice.currency()),
                "Subscription " + s.productName(), s.customerId(), invoice.id());
        if (result instanceof LedgerResult.Refused) {
            return Optional.empty();
        }
        var paid = new Invoice(invoice.id(), invoice.subscriptionId(), invoice.merchantId(), invoice.periodIndex(),
                invoice.amount(), invoice.currency(), Invoice.PAID, invoice.periodStart(), invoice.periodEnd(),
                invoice.attempts(), ((LedgerResult.Done) result).transferId().orElse(transferId), null,
                invoice.createdAt(), now);
        subscriptions.updateInvoice(paid);
        return Optional.of(paid);
    }

    private static Subscription with(Subscription s, int period, String status, Instant canceledAt) {
        return new Subscription(s.id(), s.merchantId(), s.customerId(), s.customerAccountId(),
                s.settlementAccountId(), s.priceId(), s.productName(), s.amount(), s.currency(), s.interval(),
                s.intervalCount(), s.anchorAt(), period, s.periodStart(period), s.periodStart(period + 1), status,
                s.cancelAtPeriodEnd(), s.createdAt(), canceledAt);
    }

    private void publish(Subscription s, String type, Object payload) {
        events.publishEvent(new BillingEvent(s.merchantId(), type, payload));
    }
}
