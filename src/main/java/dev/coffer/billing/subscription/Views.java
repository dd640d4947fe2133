package dev.coffer.billing.subscription;

import jakarta.annotation.Nullable;
import java.time.Instant;

/** Subscriptions and invoices as the API and webhook events show them. */
public final class Views {

    private Views() {
    }

    public record SubscriptionView(String id, String object, String status, String priceId, String productName,
            long amount, String currency, String interval, int intervalCount, String customerAccountId,
            Instant currentPeriodStart, Instant currentPeriodEnd, boolean cancelAtPeriodEnd,
            @Nullable Instant canceledAt, Instant createdAt) {
        static SubscriptionView of(Subscription s) {
            return new SubscriptionView(s.id(), "subscription", s.status(), s.priceId(), s.productName(), s.amount(),
                    s.currency(), s.interval().word(), s.intervalCount(), s.customerAccountId(),
                    s.currentPeriodStart(), s.currentPeriodEnd(), s.cancelAtPeriodEnd(), s.canceledAt(),
                    s.createdAt());
        }
    }

    public record InvoiceView(String id, String object, String subscriptionId, long amount, String currency, String status,
            Instant periodStart, Instant periodEnd, int attempts, @Nullable String transferId,
            @Nullable String paymentId, @Nullable Instant paidAt, Instant createdAt) {
        static InvoiceView of(Invoice i) {
            return new InvoiceView(i.id(), "invoice", i.subscriptionId(), i.amount(), i.currency(), i.status(),
                    i.periodStart(), i.periodEnd(), i.attempts(), i.transferId(), i.paymentId(), i.paidAt(),
                    i.createdAt());
        }
    }
}
