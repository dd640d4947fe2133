package dev.coffer.webhooks;

import dev.coffer.platform.CofferPrincipal;
import jakarta.annotation.Nullable;
import java.util.List;

/** What the merchant page shows and does with a merchant's webhook endpoints (the API has its own controller). */
public interface WebhookEndpoints {

    List<EndpointView> list(CofferPrincipal merchant);

    /** The endpoint's recent deliveries, newest first; the caller has checked the endpoint is the merchant's. */
    List<Deliveries.DeliveryView> recentDeliveries(String endpointId);

    /** Registers an endpoint; the answer carries its signing secret, shown this once. */
    EndpointView create(CofferPrincipal merchant, String url, List<String> events);

    /** Changes the events an endpoint hears (null: unchanged) or turns it on or off (null: unchanged). */
    EndpointView update(CofferPrincipal merchant, String endpointId, @Nullable String url,
            @Nullable List<String> events, @Nullable Boolean enabled);

    /** A new signing secret, shown this once; the old one keeps signing during the rotation overlap. */
    EndpointView rotate(CofferPrincipal merchant, String endpointId);

    void delete(CofferPrincipal merchant, String endpointId);

    /** Sends a {@code webhook.test} event to one of the merchant's endpoints; returns the delivery id. */
    String sendTestEvent(CofferPrincipal merchant, String endpointId);
}
