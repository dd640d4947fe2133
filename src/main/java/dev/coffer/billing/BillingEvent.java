package dev.coffer.billing;

import dev.coffer.platform.MerchantEvent;
import java.util.List;

/**
 * A subscription or invoice change offered to the merchant's webhooks, published in the transaction of the change:
 * {@code customer.subscription.created|updated|deleted}, {@code invoice.paid}, {@code invoice.payment_failed},
 * {@code invoice.marked_uncollectible} (no more attempts: dunning gave up, or the merchant canceled a past-due
 * subscription).
 */
public record BillingEvent(String merchantId, String eventType, Object payload) implements MerchantEvent {

    public static final String SUBSCRIPTION_CREATED = "customer.subscription.created";
    public static final String SUBSCRIPTION_UPDATED = "customer.subscription.updated";
    public static final String SUBSCRIPTION_DELETED = "customer.subscription.deleted";
    public static final String INVOICE_PAID = "invoice.paid";
    public static final String INVOICE_PAYMENT_FAILED = "invoice.payment_failed";
    public static final String INVOICE_MARKED_UNCOLLECTIBLE = "invoice.marked_uncollectible";
    public static final List<String> TYPES = List.of(SUBSCRIPTION_CREATED, SUBSCRIPTION_UPDATED, SUBSCRIPTION_DELETED,
            INVOICE_PAID, INVOICE_PAYMENT_FAILED, INVOICE_MARKED_UNCOLLECTIBLE);
}
