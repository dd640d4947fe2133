package dev.coffer.payments.payment;

import dev.coffer.ledger.Ledger;
import dev.coffer.ledger.StepUpRule;
import dev.coffer.ledger.TransferKind;
import dev.coffer.payments.PaymentEvent;
import dev.coffer.payments.PaymentView;
import dev.coffer.payments.PaymentsProperties;
import dev.coffer.payments.RefundView;
import dev.coffer.payments.SubscriptionCheckoutPaid;
import dev.coffer.payments.checkout.CheckoutRepository;
import dev.coffer.payments.checkout.CheckoutService;
import dev.coffer.payments.checkout.CheckoutSession;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.Ids;
import dev.coffer.platform.Role;
import jakarta.annotation.Nullable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The payment state machine, Stripe's PaymentIntent in small: a customer pays an open session (automatic capture:
 * {@code succeeded} at once; manual: a hold, {@code requires_capture}); the merchant captures (all or part, the rest
 * is released) or cancels; an uncaptured hold expires; captured money can be refunded in parts up to the captured
 * amount. Every step moves money and changes the payment in one transaction, and publishes its event there.
 */
@Service
public class PaymentService {

    private final PaymentRepository payments;
    private final CheckoutRepository sessions;
    private final CheckoutService checkout;
    private final Ledger ledger;
    private final StepUpRule stepUp;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Duration holdTtl;

    PaymentService(PaymentRepository payments, CheckoutRepository sessions, CheckoutService checkout, Ledger ledger,
            ApplicationEventPublisher events, Clock clock,
            PaymentsProperties properties, StepUpRule stepUp) {
        this.stepUp = stepUp;
        this.payments = payments;
        this.sessions = sessions;
        this.checkout = checkout;
        this.ledger = ledger;
        this.events = events;
        this.clock = clock;
        this.holdTtl = properties.holdTtl();
    }

    /**
     * Pays a session from one of the caller's accounts. Runs inside the idempotent request's transaction, so a
     * step-up challenge it spends is spent only if the payment commits.
     */
    public PaymentView pay(CofferPrincipal payer, String sessionId, String accountId, @Nullable String challengeId) {
        payer.requireSession();
        // The row lock makes a second payment of the same session wait, then find it complete: 409, never a charge.
        var session = sessions.findForUpdate(sessionId).orElseThrow(() -> ApiException.notFound("Checkout session"));
        var now = clock.instant();
        if (!session.isPayable(now)) {
            throw new ApiException(HttpStatus.CONFLICT, "session_not_open",
                    "This checkout session is " + session.statusAt(now) + " and can no longer be paid");
        }
        var account = ledger.account(accountId).filter(a -> payer.userId().equals(a.ownerId()))
                .orElseThrow(() -> ApiException.notFound("Account"));
        if (!account.currency().equals(session.currency())) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "currency_mismatch",
                    "This session is in " + session.currency() + "; pay from an account in that currency");
        }
        // Inside this transaction, so the request key only has to be unique: a retry is replayed before it gets here.
        stepUp.check(payer.userId(), account.id(), session.settlementAccountId(), session.amount(),
                session.currency().code(), challengeId, Ids.newId("req"));
        var paymentId = Ids.newId("pay");
        String holdId = null;
        Instant captureBefore = null;
        if (session.isManualCapture()) {
            holdId = Ids.newId("hold");
            captureBefore = now.plus(holdTtl);
            ledger.placeHold(holdId, account.id(), session.settlementAccountId(), session.amount(),
                    session.currency(), captureBefore, paymentId).orThrow();
        } else {
            ledger.transfer(Ids.newId("tr"), TransferKind.PAYMENT, account.id(), session.settlementAccountId(),
                    session.amount(), session.currency(), description(session), payer.userId(), paymentId).orThrow();
        }
        var payment = new Payment(paymentId, session.id(), session.merchantId(), payer.userId(), account.id(),
                session.settlementAccountId(), holdId == null ? Payment.SUCCEEDED : Payment.REQUIRES_CAPTURE,
                session.captureMethod(), session.currency(), session.amount(), holdId == null ? session.amount() : 0,
                0, holdId, captureBefore, null, now, now);
        payments.insert(payment);
        sessions.complete(session.id(), paymentId, now);
        var completed = checkout.view(sessions.find(session.id()).orElseThrow(), true);
        events.publishEvent(new PaymentEvent.SessionCompleted(session.merchantId(), payer.userId(), completed));
        events.publishEvent(new PaymentEvent.PaymentChanged(session.merchantId(), payer.userId(), payment.view()));
        if (session.isSubscription()) {
            events.publishEvent(new SubscriptionCheckoutPaid(session.id(), session.merchantId(), payer.userId(),
                    account.id(), session.settlementAccountId(), session.priceId(), paymentId, session.amount(),
                    session.currency().code(), now));
        }
        return payment.view();
    }

    /**
     * Captures all or part of the hold. At or after {@code captureBefore} the ledger refuses ({@code hold_expired});
     * once the hold has been released as expired the answer is the same, so it does not depend on when the release
     * job ran.
     */
    @Transactional
    public PaymentView capture(CofferPrincipal merchant, String paymentId, Long amount) {
        var payment = lockedForMerchant(merchant, paymentId);
        if (payment.expired()) {
            throw holdExpired(payment);
        }
        requireCapturable(payment);
        long captured = amount == null ? payment.amount() : amount;
        if (captured < 1 || captured > payment.amount()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "amount_exceeds_hold",
                    "The capture amount must be between 1 and the authorized " + payment.amount());
        }
        var now = clock.instant();
        ledger.captureHold(payment.holdId(), captured, Ids.newId("tr"), TransferKind.PAYMENT,
                "Checkout " + payment.checkoutSessionId(), merchant.userId()).orThrow();
        var updated = payment.captured(captured, now);
        payments.update(updated);
        events.publishEvent(new PaymentEvent.PaymentChanged(payment.merchantId(), merchant.userId(), updated.view()));
        return updated.view();
    }

    /**
     * Releases the hold and cancels the payment. A payment whose hold has expired is, or becomes, canceled with
     * reason {@code expired}: the ledger releases an expired hold as expired, and {@link ExpiredHolds} cancels the
     * payment in this transaction, with its one {@code payment.canceled} event. Either way the hold is released and
     * the payment canceled, as the merchant asked, so that is the answer.
     */
    @Transactional
    public PaymentView cancel(CofferPrincipal merchant, String paymentId) {
        var payment = lockedForMerchant(merchant, paymentId);
        if (payment.expired()) {
            return payment.view();
        }
        requireCancelable(payment);
        ledger.voidHold(payment.holdId()).orThrow();
        var released = payments.find(paymentId).orElseThrow();
        if (released.expired()) {
            return released.view();
        }
        var updated = payment.canceled("requested_by_merchant", clock.instant());
        payments.update(updated);
        events.publishEvent(new PaymentEvent.PaymentChanged(payment.merchantId(), merchant.userId(), updated.view()));
        return updated.view();
    }

    /** Refunds part or all of what is left; runs inside the idempotent request's transaction. */
    public RefundView refund(CofferPrincipal merchant, String paymentId, Long amount) {
        var payment = payments.findForUpdate(paymentId).filter(p -> p.merchantId().equals(merchant.userId()))
                .orElseThrow(() -> ApiException.notFound("Payment"));
        long refund = refundAmount(payment, amount);
        var now = clock.instant();
        var transferId = ledger.transfer(Ids.newId("tr"), TransferKind.REFUND, payment.settlementAccountId(),
                payment.payerAccountId(), refund, payment.currency(), "Refund of " + payment.id(),
                merchant.userId(), payment.id()).orThrow().orElseThrow();
        var refundId = Ids.newId("re");
        payments.insertRefund(refundId, payment.id(), refund, transferId, now);
        var updated = payment.refunded(refund, now);
        payments.update(updated);
        var view = new RefundView(refundId, "refund", payment.id(), refund, payment.currency().code(), "succeeded",
                transferId, now);
        events.publishEvent(new PaymentEvent.PaymentRefunded(payment.merchantId(), merchant.userId(),
                updated.view(), view));
        return view;
    }

    /** One page of the merchant's payments, newest first, and the cursor of the next page (null on the last). */
    public record PaymentPage(List<PaymentView> data, @Nullable String nextCursor) {
    }

    /** The merchant page's list: {@code limit} payments matching the query, read as one index range (O(page)). */
    @Transactional(readOnly = true)
    public PaymentPage list(CofferPrincipal merchant, PaymentQuery query, int limit) {
        merchant.require(Role.MERCHANT);
        var rows = payments.pageForMerchant(merchant.userId(), query, limit + 1);
        var page = rows.subList(0, Math.min(limit, rows.size()));
        var next = rows.size() > limit ? PaymentQuery.cursorAfter(page.getLast()) : null;
        return new PaymentPage(page.stream().map(Payment::view).toList(), next);
    }

    /** What the merchant page asks before it moves money or releases a hold. */
    public enum MerchantAction {
        CAPTURE, CANCEL, REFUND
    }

    /**
     * The payment as the merchant page's confirmation shows it, checked now as the action itself will check it
     * (the same refusals, with the same codes), without doing it. {@code amount} is the refund's (null: all that is
     * left); the answer's {@code amountCaptured - amountRefunded} is what a refund of all would send.
     */
    @Transactional(readOnly = true)
    public PaymentView checkForMerchant(CofferPrincipal merchant, String paymentId, MerchantAction action,
            @Nullable Long amount) {
        var payment = payments.find(paymentId).filter(p -> p.merchantId().equals(merchant.userId()))
                .orElseThrow(() -> ApiException.notFound("Payment"));
        switch (action) {
            case CAPTURE -> {
                if (payment.expired() || payment.pastCaptureDeadline(clock.instant())) {
                    throw holdExpired(payment);
                }
                requireCapturable(payment);
            }
            case CANCEL -> requireCancelable(payment);
            case REFUND -> refundAmount(payment, amount);
        }
        return payment.view();
    }

    public PaymentView get(CofferPrincipal principal, String paymentId) {
        return payments.find(paymentId).filter(p -> p.isVisibleTo(principal.userId()))
                .orElseThrow(() -> ApiException.notFound("Payment")).view();
    }

    /** Locks the hold first, then the payment: the lock order every path follows (see {@link Ledger}). */
    private Payment lockedForMerchant(CofferPrincipal merchant, String paymentId) {
        var payment = payments.find(paymentId).filter(p -> p.merchantId().equals(merchant.userId()))
                .orElseThrow(() -> ApiException.notFound("Payment"));
        if (payment.holdId() != null) {
            ledger.lockHold(payment.holdId());
        }
        return payments.findForUpdate(paymentId).orElseThrow();
    }

    private static void requireCapturable(Payment payment) {
        if (!Payment.REQUIRES_CAPTURE.equals(payment.status())) {
            throw new ApiException(HttpStatus.CONFLICT, "payment_not_capturable",
                    "Only a payment that requires capture can be captured; this one is " + payment.status());
        }
    }

    private static void requireCancelable(Payment payment) {
        if (!Payment.REQUIRES_CAPTURE.equals(payment.status())) {
            throw new ApiException(HttpStatus.CONFLICT, "payment_not_cancelable",
                    "Only a payment that requires capture can be canceled; this one is " + payment.status());
        }
    }

    /** The refund's amount: all that is left when none is given; refused beyond it. */
    private static long refundAmount(Payment payment, @Nullable Long amount) {
        if (!Payment.SUCCEEDED.equals(payment.status())) {
            throw new ApiException(HttpStatus.CONFLICT, "payment_not_refundable",
                    "Only a succeeded payment can be refunded; this one is " + payment.status());
        }
        long refund = amount == null ? payment.refundable() : amount;
        if (refund < 1 || refund > payment.refundable()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "refund_exceeds_captured",
                    "At most " + payment.refundable() + " of this payment can still be refunded");
        }
        return refund;
    }

    private static ApiException holdExpired(Payment payment) {
        return new ApiException(HttpStatus.CONFLICT, "hold_expired",
                "The authorization expired at " + payment.captureBefore() + " and can no longer be captured");
    }

    private static String description(CheckoutSession session) {
        var first = session.lineItems().getFirst().name();
        return session.lineItems().size() == 1 ? first : first + " and " + (session.lineItems().size() - 1) + " more";
    }
}
