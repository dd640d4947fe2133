package dev.coffer.webhooks.delivery;

import dev.coffer.webhooks.WebhookProperties;
import dev.coffer.webhooks.delivery.DeliveryRepository.Attempt;
import dev.coffer.webhooks.delivery.DeliveryRepository.Claim;
import dev.coffer.webhooks.endpoint.EndpointRepository;
import dev.coffer.webhooks.outbox.EventRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One delivery attempt: POST the event's exact JSON with its signature, then record the outcome. Success is any
 * 2xx; anything else (an error status, a timeout, a refused target) schedules the next attempt with exponential
 * backoff and jitter, until {@code give-up-after} has passed, when the delivery is failed (the merchant can replay).
 */
@Component
class Deliverer {

    private static final int MAX_ERROR_CHARS = 300;

    private final DeliveryRepository deliveries;
    private final EventRepository events;
    private final EndpointRepository endpoints;
    private final TargetGuard guard;
    private final WebhookProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final HttpClient http;
    private final MeterRegistry meters;
    private final Timer latency;

    Deliverer(DeliveryRepository deliveries, EventRepository events, EndpointRepository endpoints, TargetGuard guard,
            WebhookProperties properties, TransactionTemplate tx, Clock clock, MeterRegistry meters) {
        this.deliveries = deliveries;
        this.events = events;
        this.endpoints = endpoints;
        this.guard = guard;
        this.properties = properties;
        this.tx = tx;
        this.clock = clock;
        this.meters = meters;
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(properties.timeout())
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        this.latency = Timer.builder("coffer.webhooks.delivery.duration").description("time of one delivery attempt")
                .publishPercentileHistogram().register(meters);
    }

    void deliver(Claim claim) {
        var endpoint = endpoints.find(claim.endpointId()).filter(e -> e.enabled());
        var event = events.findBySeq(claim.eventSeq()).orElseThrow();
        var started = clock.instant();
        Attempt attempt;
        if (endpoint.isEmpty()) {
            attempt = new Attempt(started, 0, null, "the endpoint was disabled or deleted");
        } else {
            var problem = guard.problem(endpoint.get().url());
            attempt = problem.isPresent()
                    ? new Attempt(started, 0, null, "refused: " + problem.get())
                    : post(endpoint.get().url(), endpoint.get().signingSecrets(started), event.id(),
                            withSequence(event.body(), claim.sequence()), claim.sequence(), started);
        }
        latency.record(Duration.ofMillis(attempt.durationMillis()));
        finish(claim, attempt, endpoint.isEmpty(), event.createdAt());
    }

    /**
     * The delivered body: the event's stored JSON with the endpoint's {@code sequence} added at the top level (the
     * stored body is always a JSON object written by the outbox, so the first character is its brace).
     */
    static String withSequence(String eventBody, long sequence) {
        if (!eventBody.startsWith("{")) {
            throw new IllegalStateException("an event body that is not a JSON object");
        }
        return "{\"sequence\":" + sequence + "," + eventBody.substring(1);
    }

    private Attempt post(String url, List<String> secrets, String eventId, String body, long sequence,
            Instant started) {
        long startNanos = System.nanoTime();
        long timestamp = started.getEpochSecond();
        var request = HttpRequest.newBuilder(URI.create(url))
                .timeout(properties.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Coffer-Webhooks/1.0")
                .header("Coffer-Event-Id", eventId)
                .header("Coffer-Sequence", Long.toString(sequence))
                .header(WebhookSigner.HEADER, WebhookSigner.header(secrets, timestamp, body))
                .header(WebhookSigner.STANDARD_ID, eventId)
                .header(WebhookSigner.STANDARD_TIMESTAMP, Long.toString(timestamp))
                .header(WebhookSigner.STANDARD_SIGNATURE, WebhookSigner.standardSignature(secrets, eventId, timestamp,
                        body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.discarding());
            return new Attempt(started, elapsedMillis(startNanos), response.statusCode(), null);
        } catch (HttpTimeoutException e) {
            return new Attempt(started, elapsedMillis(startNanos), null, "timed out after " + properties.timeout());
        } catch (IOException e) {
            return new Attempt(started, elapsedMillis(startNanos), null, truncate(e.toString()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempt(started, elapsedMillis(startNanos), null, "interrupted (shutting down)");
        }
    }

    private void finish(Claim claim, Attempt attempt, boolean endpointGone, Instant eventCreatedAt) {
        var now = clock.instant();
        String status;
        Instant next = now;
        if (attempt.succeeded()) {
            status = "succeeded";
        } else if (endpointGone || !now.isBefore(eventCreatedAt.plus(properties.giveUpAfter()))) {
            status = "failed";
        } else {
            status = "pending";
            next = now.plus(jittered(properties.delayAfter(claim.attempts() + 1)));
        }
        final var nextAttempt = next;
        tx.executeWithoutResult(s -> deliveries.record(claim, attempt, status, nextAttempt, now));
        Counter.builder("coffer.webhooks.deliveries").tag("outcome", attempt.succeeded() ? "succeeded"
                : "failed".equals(status) ? "gave_up" : "retry").register(meters).increment();
    }

    /** ±10 %, so endpoints that failed together do not all retry in the same second. */
    static Duration jittered(Duration delay) {
        double factor = 0.9 + ThreadLocalRandom.current().nextDouble() * 0.2;
        return Duration.ofMillis(Math.max(1, (long) (delay.toMillis() * factor)));
    }

    private static long elapsedMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static String truncate(String text) {
        return text.length() <= MAX_ERROR_CHARS ? text : text.substring(0, MAX_ERROR_CHARS);
    }
}
