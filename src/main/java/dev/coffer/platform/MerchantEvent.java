package dev.coffer.platform;

/**
 * An event a merchant may subscribe to by webhook ({@code payment.succeeded}, {@code transfer.received}, …).
 * Published inside the transaction that makes the change; the webhooks module writes it to its outbox there.
 */
public interface MerchantEvent {

    /** The merchant (user id) the event belongs to. */
    String merchantId();

    /** The webhook event type, e.g. {@code payment.succeeded}. */
    String eventType();

    /** The object the event is about, serialized as the event's {@code data}. */
    Object payload();
}
