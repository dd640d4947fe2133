package dev.coffer.payments.checkout;

import dev.coffer.ledger.Ledger;
import dev.coffer.payments.CheckoutProperties;
import dev.coffer.payments.CheckoutSessionView;
import dev.coffer.payments.CheckoutSessionView.LineItem;
import dev.coffer.payments.RecurringPrices;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.CurrencyCode;
import dev.coffer.platform.Ids;
import dev.coffer.platform.Money;
import dev.coffer.platform.Role;
import dev.coffer.platform.web.PublicUrl;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/** Creating and reading checkout sessions (the "Buy Now" a merchant's server starts). */
@Service
public class CheckoutService {

    private final CheckoutRepository sessions;
    private final Ledger ledger;
    private final PublicUrl publicUrl;
    private final Clock clock;
    private final Duration sessionTtl;
    private final RecurringPrices prices;

    CheckoutService(CheckoutRepository sessions, Ledger ledger, PublicUrl publicUrl, Clock clock,
            CheckoutProperties properties, RecurringPrices prices) {
        this.sessions = sessions;
        this.prices = prices;
        this.ledger = ledger;
        this.publicUrl = publicUrl;
        this.clock = clock;
        this.sessionTtl = properties.sessionTtl();
    }

    public record NewSession(String currency, List<NewItem> lineItems, String captureMethod,
            String settlementAccountId, String successUrl, Map<String, String> metadata, String mode,
            String priceId) {
    }

    public record NewItem(String name, long quantity, long unitAmount) {
    }

    /** Runs inside the idempotent request's transaction. */
    public CheckoutSessionView create(CofferPrincipal merchant, NewSession request) {
        requireMerchant(merchant);
        if (CheckoutSession.SUBSCRIPTION_MODE.equals(request.mode())) {
            return createSubscription(merchant, request);
        }
        if (request.currency() == null || request.lineItems() == null || request.lineItems().isEmpty()
                || request.priceId() != null) {
            throw invalidShape("A payment session takes currency and lineItems (a priceId only with mode "
                    + "\"subscription\")");
        }
        var currency = CurrencyCode.parse(request.currency()).orElseThrow(() -> new ApiException(
                HttpStatus.UNPROCESSABLE_CONTENT, "unsupported_currency", "Unknown currency " + request.currency()));
        var settlement = ledger.account(request.settlementAccountId())
                .filter(a -> merchant.userId().equals(a.ownerId()))
                .orElseThrow(() -> ApiException.notFound("Settlement account"));
        if (!settlement.currency().equals(currency)) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "currency_mismatch",
                    "The settlement account holds " + settlement.currency() + ", not " + currency);
        }
        var items = priced(request.lineItems());
        long total = total(items);
        var now = clock.instant();
        var session = new CheckoutSession(Ids.newId("cs"), merchant.userId(), CheckoutSession.OPEN, currency, total,
                request.captureMethod(), settlement.id(), request.successUrl(), items,
                request.metadata() == null ? Map.of() : request.metadata(), null, now, now.plus(sessionTtl), null,
                CheckoutSession.PAYMENT_MODE, null, null, null);
        sessions.insert(session);
        return view(session, true);
    }

    /** A session that charges a recurring price's first period; paying it starts the subscription (billing). */
    private CheckoutSessionView createSubscription(CofferPrincipal merchant, NewSession request) {
        if (request.priceId() == null || request.lineItems() != null || request.currency() != null
                || "manual".equals(request.captureMethod())) {
            throw invalidShape("A subscription session takes a priceId (no currency, lineItems or manual capture)");
        }
        var price = prices.find(merchant.userId(), request.priceId())
                .orElseThrow(() -> ApiException.notFound("Price"));
        var currency = CurrencyCode.of(price.currency());
        var settlement = ledger.account(request.settlementAccountId())
                .filter(a -> merchant.userId().equals(a.ownerId()))
                .orElseThrow(() -> ApiException.notFound("Settlement account"));
        if (!settlement.currency().equals(currency)) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "currency_mismatch",
                    "The settlement account holds " + settlement.currency() + ", not " + currency);
        }
        var now = clock.instant();
        var items = List.of(new LineItem(price.productName(), 1, price.amount(), price.amount()));
        var session = new CheckoutSession(Ids.newId("cs"), merchant.userId(), CheckoutSession.OPEN, currency,
                price.amount(), "automatic", settlement.id(), request.successUrl(), items,
                request.metadata() == null ? Map.of() : request.metadata(), null, now, now.plus(sessionTtl), null,
                CheckoutSession.SUBSCRIPTION_MODE, price.id(), price.interval(), price.intervalCount());
        sessions.insert(session);
        return view(session, true);
    }

    /** The session for its merchant (all of it) or for any logged-in customer (without the merchant's metadata). */
    public CheckoutSessionView get(CofferPrincipal principal, String id) {
        var session = sessions.find(id).orElseThrow(() -> ApiException.notFound("Checkout session"));
        boolean isOwner = principal.userId().equals(session.merchantId());
        if (!isOwner && !principal.isSession()) {
            throw ApiException.notFound("Checkout session");
        }
        return view(session, isOwner);
    }

    /**
     * The session as a shopper sees it before logging in (no metadata): its id is an unguessable capability, like
     * the link of any hosted checkout.
     */
    public CheckoutSessionView publicView(String id) {
        return view(sessions.find(id).orElseThrow(() -> ApiException.notFound("Checkout session")), false);
    }

    /** Who sells on this session (the pay page names them); 404 as {@link #get} for a missing session. */
    public String merchantIdOf(String id) {
        return sessions.find(id).orElseThrow(() -> ApiException.notFound("Checkout session")).merchantId();
    }

    public CheckoutSessionView view(CheckoutSession s, boolean withMetadata) {
        return new CheckoutSessionView(s.id(), "checkout.session", s.statusAt(clock.instant()), s.amount(),
                s.currency().code(), publicUrl.of("/pay/" + s.id()), s.expiresAt(), s.captureMethod(),
                s.settlementAccountId(), s.successUrl(), s.lineItems(), withMetadata ? s.metadata() : Map.of(),
                s.paymentId(), s.createdAt(), s.mode(), s.priceId(), s.recurringInterval(),
                s.recurringIntervalCount());
    }

    /** Persists what the clock already says; reads treat a past-expiry open session as expired anyway. */
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT30S")
    void expireSessions() {
        sessions.expireOpenBefore(clock.instant());
    }

    static void requireMerchant(CofferPrincipal principal) {
        principal.require(Role.MERCHANT);
    }

    private static List<LineItem> priced(List<NewItem> items) {
        var priced = new ArrayList<LineItem>(items.size());
        for (var item : items) {
            try {
                priced.add(new LineItem(item.name().strip(), item.quantity(), item.unitAmount(),
                        Math.multiplyExact(item.quantity(), item.unitAmount())));
            } catch (ArithmeticException overflow) {
                throw tooLarge();
            }
        }
        return priced;
    }

    private static long total(List<LineItem> items) {
        long total = 0;
        try {
            for (var item : items) {
                total = Math.addExact(total, item.amount());
            }
        } catch (ArithmeticException overflow) {
            throw tooLarge();
        }
        if (total > Money.MAX_AMOUNT_MINOR) {
            throw tooLarge();
        }
        if (total <= 0) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid_amount",
                    "The session's total must be at least 1 minor unit");
        }
        return total;
    }

    /** The body's fields do not fit its mode: a validation error, as for a missing field. */
    private static ApiException invalidShape(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, "validation_failed", detail);
    }

    private static ApiException tooLarge() {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "amount_too_large",
                "The session's total must not exceed 10^15 minor units");
    }
}
