package dev.coffer.webhooks;

import java.util.List;

/** The event types a merchant can subscribe to. */
public final class EventTypes {

    public static final String TRANSFER_RECEIVED = "transfer.received";
    /** Sent by "send test event" only; not subscribable. */
    public static final String TEST = "webhook.test";
    public static final List<String> ALL = List.of("checkout.session.completed", "payment.succeeded",
            "payment.requires_capture", "payment.canceled", "payment.refunded", TRANSFER_RECEIVED,
            "balance.threshold_crossed", "customer.subscription.created", "customer.subscription.updated",
            "customer.subscription.deleted", "invoice.paid", "invoice.payment_failed",
            "invoice.marked_uncollectible");

    private EventTypes() {
    }
}
