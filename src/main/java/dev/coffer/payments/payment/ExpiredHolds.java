package dev.coffer.payments.payment;

import dev.coffer.ledger.HoldStatus;
import dev.coffer.ledger.LedgerChanges;
import dev.coffer.ledger.LedgerEvent;
import dev.coffer.payments.PaymentEvent;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * When the ledger releases an expired hold, the payment it backed becomes {@code canceled} (reason
 * {@code expired}) in the same transaction. The ledger locked the hold first, as every path does.
 */
@Component
class ExpiredHolds {

    private final PaymentRepository payments;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ExpiredHolds(PaymentRepository payments, ApplicationEventPublisher events, Clock clock) {
        this.payments = payments;
        this.events = events;
        this.clock = clock;
    }

    @EventListener
    void on(LedgerChanges changes) {
        for (var event : changes.events()) {
            if (event instanceof LedgerEvent.HoldReleased released && released.status() == HoldStatus.EXPIRED) {
                payments.findByHoldForUpdate(released.holdId())
                        .filter(p -> Payment.REQUIRES_CAPTURE.equals(p.status()))
                        .ifPresent(this::expire);
            }
        }
    }

    private void expire(Payment payment) {
        var canceled = payment.canceled(Payment.EXPIRED, clock.instant());
        payments.update(canceled);
        events.publishEvent(new PaymentEvent.PaymentChanged(payment.merchantId(), null, canceled.view()));
    }
}
