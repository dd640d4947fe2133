package dev.coffer.webhooks.outbox;

import dev.coffer.ledger.AccountKind;
import dev.coffer.ledger.LedgerChanges;
import dev.coffer.ledger.LedgerEvent;
import dev.coffer.ledger.TransferKind;
import dev.coffer.platform.Ids;
import dev.coffer.platform.MerchantEvent;
import dev.coffer.webhooks.EventTypes;
import dev.coffer.webhooks.delivery.DeliveryWorker;
import dev.coffer.webhooks.endpoint.EndpointRepository;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transactional outbox: every merchant event is written, with one pending delivery per subscribed endpoint, in
 * the very transaction of the change it describes (a synchronous listener). No event without its change, no change
 * without its event, even if the process dies between the two. After commit the delivery worker is woken.
 */
@Component
public class Outbox {

    private final EventRepository events;
    private final EndpointRepository endpoints;
    private final DeliveryWorker worker;
    private final JsonMapper json;
    private final Clock clock;
    Outbox(EventRepository events, EndpointRepository endpoints, DeliveryWorker worker, JsonMapper json, Clock clock) {
        this.events = events;
        this.endpoints = endpoints;
        this.worker = worker;
        this.json = json;
        this.clock = clock;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(MerchantEvent event) {
        write(event.merchantId(), event.eventType(), event.payload());
    }

    /** {@code transfer.received}: money arrived on a merchant's account (payments and refunds have their own events). */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(LedgerChanges changes) {
        // The ledger names each changed account's owner and kind: no lookup, no cache.
        var merchants = new HashMap<String, String>();
        changes.balances().stream().filter(b -> b.kind() == AccountKind.MERCHANT)
                .forEach(b -> merchants.put(b.accountId(), b.ownerId()));
        for (var event : changes.events()) {
            if (event instanceof LedgerEvent.TransferPosted posted && posted.kind() != TransferKind.PAYMENT) {
                Optional.ofNullable(merchants.get(posted.toAccountId())).ifPresent(merchant -> write(merchant,
                        EventTypes.TRANSFER_RECEIVED,
                        new TransferReceived(posted.transferId(), "transfer", posted.kind().dbName(),
                                posted.fromAccountId(), posted.toAccountId(), posted.amount(), posted.currency())));
            }
        }
    }

    record TransferReceived(String id, String object, String kind, String fromAccountId, String toAccountId,
            long amount, String currency) {
    }

    private void write(String merchantId, String type, Object payload) {
        var now = clock.instant();
        long seq = store(Ids.newId("evt"), merchantId, type, payload, now);
        var subscribed = endpoints.subscribed(merchantId, type);
        for (var endpointId : subscribed.stream().sorted().toList()) {
            events.insertDelivery(Ids.newId("whd"), seq, endpointId, false, now);
        }
        if (!subscribed.isEmpty()) {
            wakeWorkerAfterCommit();
        }
    }

    /**
     * "Send test event": a {@code webhook.test} event to one endpoint, whatever it subscribes to, numbered and
     * signed like any other delivery, so a merchant can check their receiver end to end. Returns the delivery id.
     */
    @Transactional
    public String sendTestEvent(String merchantId, String endpointId) {
        var now = clock.instant();
        var eventId = Ids.newId("evt");
        long seq = store(eventId, merchantId, EventTypes.TEST, new TestPayload(endpointId,
                "A test event from Coffer: your endpoint receives and can verify deliveries."), now);
        var deliveryId = Ids.newId("whd");
        events.insertDelivery(deliveryId, seq, endpointId, false, now);
        wakeWorkerAfterCommit();
        return deliveryId;
    }

    record TestPayload(String endpointId, String message) {
    }

    private long store(String id, String merchantId, String type, Object payload, Instant now) {
        var body = json.writeValueAsString(new EventBody(id, type, now, payload));
        return events.insert(id, merchantId, type, body, now);
    }

    private void wakeWorkerAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    worker.wakeUp();
                }
            });
        }
    }

    /** What a webhook delivers: {@code {id, type, createdAt, data}}. */
    @Schema(name = "Event")
    record EventBody(String id, String type, Instant createdAt, Object data) {
    }
}
