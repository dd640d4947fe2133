package dev.coffer.webhooks.endpoint;

import dev.coffer.platform.ApiException;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.Ids;
import dev.coffer.platform.Role;
import dev.coffer.webhooks.Deliveries;
import dev.coffer.webhooks.EndpointView;
import dev.coffer.webhooks.EventTypes;
import dev.coffer.webhooks.WebhookEndpoints;
import dev.coffer.webhooks.WebhookProperties;
import dev.coffer.webhooks.delivery.TargetGuard;
import dev.coffer.webhooks.outbox.Outbox;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registering, changing, rotating and deleting a merchant's webhook endpoints. */
@Service
public class EndpointService implements WebhookEndpoints {

    static final int MAX_ENDPOINTS = 16;

    private final EndpointRepository endpoints;
    private final TargetGuard guard;
    private final WebhookProperties properties;
    private final Clock clock;
    private final Outbox outbox;
    private final DeliveryLog deliveries;

    EndpointService(EndpointRepository endpoints, TargetGuard guard, WebhookProperties properties, Clock clock,
            Outbox outbox, DeliveryLog deliveries) {
        this.deliveries = deliveries;
        this.endpoints = endpoints;
        this.outbox = outbox;
        this.guard = guard;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    public EndpointView create(CofferPrincipal merchant, String url, List<String> events) {
        var merchantId = requireMerchant(merchant);
        if (endpoints.findByMerchant(merchantId).size() >= MAX_ENDPOINTS) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "too_many_endpoints",
                    "A merchant may register at most " + MAX_ENDPOINTS + " webhook endpoints");
        }
        checkUrl(url);
        var endpoint = new Endpoint(Ids.newId("we"), merchantId, url, checkEvents(events), newSecret(), null, null,
                true, clock.instant());
        endpoints.insert(endpoint);
        var view = endpoint.view();
        return new EndpointView(view.id(), view.url(), view.events(), true, view.createdAt(), endpoint.secret());
    }

    @Override
    public List<Deliveries.DeliveryView> recentDeliveries(String endpointId) {
        return deliveries.recent(endpointId).data();
    }

    @Override
    public List<EndpointView> list(CofferPrincipal merchant) {
        return endpoints.findByMerchant(requireMerchant(merchant)).stream().map(Endpoint::view).toList();
    }

    public Endpoint owned(CofferPrincipal merchant, String id) {
        var merchantId = requireMerchant(merchant);
        return endpoints.find(id).filter(e -> e.merchantId().equals(merchantId))
                .orElseThrow(() -> ApiException.notFound("Webhook endpoint"));
    }

    @Transactional
    public EndpointView update(CofferPrincipal merchant, String id, String url, List<String> events,
            Boolean enabled) {
        var endpoint = owned(merchant, id);
        var newUrl = url == null ? endpoint.url() : url;
        if (url != null) {
            checkUrl(url);
        }
        var newEvents = events == null ? endpoint.events() : checkEvents(events);
        endpoints.update(id, newUrl, newEvents, enabled == null ? endpoint.enabled() : enabled);
        return endpoints.find(id).orElseThrow().view();
    }

    /** A new secret; the old one keeps signing (as a second {@code v1}) for the rotation overlap. */
    @Transactional
    public EndpointView rotate(CofferPrincipal merchant, String id) {
        var endpoint = owned(merchant, id);
        var secret = newSecret();
        endpoints.rotate(id, secret, clock.instant().plus(properties.rotationOverlap()));
        var view = endpoint.view();
        return new EndpointView(view.id(), view.url(), view.events(), view.enabled(), view.createdAt(), secret);
    }

    /** Sends a {@code webhook.test} event to one of the merchant's endpoints; returns the delivery id. */
    @Transactional
    @Override
    public String sendTestEvent(CofferPrincipal merchant, String id) {
        var endpoint = owned(merchant, id);
        return outbox.sendTestEvent(endpoint.merchantId(), endpoint.id());
    }

    @Transactional
    public void delete(CofferPrincipal merchant, String id) {
        owned(merchant, id);
        endpoints.delete(id, clock.instant());
    }

    private void checkUrl(String url) {
        guard.problem(url).ifPresent(problem -> {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid_webhook_url",
                    "This URL cannot receive webhooks: " + problem);
        });
    }

    private static List<String> checkEvents(List<String> events) {
        var unknown = events.stream().filter(e -> !EventTypes.ALL.contains(e)).toList();
        if (!unknown.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "unknown_event_type",
                    "Unknown event types " + unknown + "; known: " + EventTypes.ALL);
        }
        return List.copyOf(new LinkedHashSet<>(events));
    }

    static String requireMerchant(CofferPrincipal principal) {
        principal.require(Role.MERCHANT);
        return principal.userId();
    }

    private static String newSecret() {
        return "whsec_" + Ids.randomToken(52);
    }
}
