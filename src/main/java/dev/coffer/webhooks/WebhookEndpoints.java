package dev.coffer.webhooks;

import dev.coffer.platform.CofferPrincipal;
import java.util.List;

/** What the merchant page shows and does with a merchant's webhook endpoints (the API has its own controller). */
public interface WebhookEndpoints {

    List<EndpointView> list(CofferPrincipal merchant);

    /** The endpoint's recent deliveries, newest first; the caller has checked the endpoint is the merchant's. */
    List<Deliveries.DeliveryView> recentDeliveries(String endpointId);

    /** Sends a {@code webhook.test} event to one of the merchant's endpoints; returns the delivery id. */
    String sendTestEvent(CofferPrincipal merchant, String endpointId);
}
