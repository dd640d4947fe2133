package dev.coffer.webhooks.endpoint;

import static dev.coffer.platform.CofferPrincipal.Kind.API_KEY;

import dev.coffer.platform.Accepts;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.IdOf;
import dev.coffer.platform.Ids;
import dev.coffer.platform.Refuses;
import dev.coffer.platform.openapi.ApiTags;
import dev.coffer.webhooks.Deliveries;
import dev.coffer.webhooks.EndpointView;
import dev.coffer.webhooks.outbox.EventRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.Nullable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A merchant's webhook endpoints: register (secret shown once), list, change, rotate, delete, replay an event. */
@RestController
@Tag(name = ApiTags.WEBHOOKS)
@Accepts(API_KEY)
class EndpointController {

    private final EndpointService endpoints;
    private final EventRepository events;
    private final DeliveryLog deliveryLog;
    private final Clock clock;

    EndpointController(EndpointService endpoints, EventRepository events, DeliveryLog deliveryLog, Clock clock) {
        this.endpoints = endpoints;
        this.events = events;
        this.deliveryLog = deliveryLog;
        this.clock = clock;
    }

    @Schema(name = "WebhookEndpointRequest")
    record CreateRequest(@NotBlank @Size(max = 2048) String url,
            @NotEmpty @Size(max = 20) List<@NotBlank String> events) {
    }

    @Schema(name = "WebhookEndpointUpdate")
    record UpdateRequest(@Size(max = 2048) String url, @Size(min = 1, max = 20) List<@NotBlank String> events,
            Boolean enabled) {
    }

    record ReplayRequest(@NotNull @IdOf("evt") String eventId) {
    }

    record EndpointList(List<EndpointView> data, @Nullable String nextCursor) {
    }

    @Operation(operationId = "createWebhookEndpoint",
            summary = "Register a webhook endpoint (its signing secret is shown once)")
    @Refuses(status = 422, codes = {"too_many_endpoints", "invalid_webhook_url", "unknown_event_type"})
    @PostMapping("/api/v1/webhook-endpoints")
    @ResponseStatus(HttpStatus.CREATED)
    EndpointView create(@AuthenticationPrincipal CofferPrincipal merchant,
            @Valid @RequestBody CreateRequest body) {
        return endpoints.create(merchant, body.url().strip(), body.events());
    }

    @Operation(operationId = "listWebhookEndpoints", summary = "The merchant's webhook endpoints")
    @GetMapping("/api/v1/webhook-endpoints")
    EndpointList list(@AuthenticationPrincipal CofferPrincipal merchant) {
        return new EndpointList(endpoints.list(merchant), null);
    }

    @Operation(operationId = "getWebhookEndpoint", summary = "A webhook endpoint")
    @GetMapping("/api/v1/webhook-endpoints/{id}")
    EndpointView get(@AuthenticationPrincipal CofferPrincipal merchant, @PathVariable @IdOf("we") String id) {
        return endpoints.owned(merchant, id).view();
    }

    @Operation(operationId = "updateWebhookEndpoint",
            summary = "Change an endpoint's URL, events or whether it is enabled")
    @Refuses(status = 422, codes = {"invalid_webhook_url", "unknown_event_type"})
    @PatchMapping("/api/v1/webhook-endpoints/{id}")
    EndpointView update(@AuthenticationPrincipal CofferPrincipal merchant, @PathVariable @IdOf("we") String id,
            @Valid @RequestBody UpdateRequest body) {
        return endpoints.update(merchant, id, body.url() == null ? null : body.url().strip(), body.events(),
                body.enabled());
    }

    @Operation(operationId = "deleteWebhookEndpoint", summary = "Delete a webhook endpoint")
    @DeleteMapping("/api/v1/webhook-endpoints/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@AuthenticationPrincipal CofferPrincipal merchant, @PathVariable @IdOf("we") String id) {
        endpoints.delete(merchant, id);
    }

    @Operation(operationId = "rotateWebhookSecret",
            summary = "A new signing secret (the old one keeps signing for a while)")
    @PostMapping("/api/v1/webhook-endpoints/{id}/rotate-secret")
    EndpointView rotate(@AuthenticationPrincipal CofferPrincipal merchant,
            @PathVariable @IdOf("we") String id) {
        return endpoints.rotate(merchant, id);
    }

    /** Sends one of the merchant's events to this endpoint again (whether or not it was delivered before). */
    @Operation(operationId = "replayEvent", summary = "Deliver one of the merchant's events to this endpoint again")
    @PostMapping("/api/v1/webhook-endpoints/{id}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Transactional
    Map<String, String> replay(@AuthenticationPrincipal CofferPrincipal merchant, @PathVariable @IdOf("we") String id,
            @Valid @RequestBody ReplayRequest body) {
        var endpoint = endpoints.owned(merchant, id);
        var event = events.find(body.eventId()).filter(e -> e.merchantId().equals(endpoint.merchantId()))
                .orElseThrow(() -> ApiException.notFound("Event"));
        var deliveryId = Ids.newId("whd");
        events.insertDelivery(deliveryId, event.seq(), endpoint.id(), true, clock.instant());
        return Map.of("deliveryId", deliveryId, "status", "pending");
    }

    /** Sends a {@code webhook.test} event to this endpoint (whatever it subscribes to): an end-to-end check. */
    @Operation(operationId = "sendTestEvent", summary = "Send a webhook.test event to this endpoint")
    @PostMapping("/api/v1/webhook-endpoints/{id}/test")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, String> sendTest(@AuthenticationPrincipal CofferPrincipal merchant,
            @PathVariable @IdOf("we") String id) {
        return Map.of("deliveryId", endpoints.sendTestEvent(merchant, id), "status", "pending");
    }

    @Operation(operationId = "listDeliveries", summary = "An endpoint's recent deliveries and their attempts")
    @GetMapping("/api/v1/webhook-endpoints/{id}/deliveries")
    Deliveries.DeliveryList deliveries(@AuthenticationPrincipal CofferPrincipal merchant,
            @PathVariable @IdOf("we") String id) {
        return deliveryLog.recent(endpoints.owned(merchant, id).id());
    }
}
