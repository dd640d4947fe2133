package dev.coffer.webhooks.delivery;

import dev.coffer.webhooks.WebhookProperties;
import dev.coffer.webhooks.delivery.DeliveryRepository.Claim;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Delivers pending webhooks: claims due deliveries (a lease, cluster-safe), posts each on its own virtual thread
 * with a 10 s timeout, and bounds what is in flight overall and per endpoint, so a slow or dead endpoint only ever
 * occupies its own few slots and never delays other merchants. Woken right after a commit that created deliveries,
 * and otherwise polls every {@code poll-interval}.
 */
@Component
public class DeliveryWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private final DeliveryRepository deliveries;
    private final Deliverer deliverer;
    private final WebhookProperties properties;
    private final Clock clock;
    private final Semaphore wake = new Semaphore(0);
    private final Semaphore slots;
    private final ConcurrentHashMap<String, AtomicInteger> inFlightByEndpoint = new ConcurrentHashMap<>();
    private final AtomicLong queueDepth = new AtomicLong();
    /** Made anew at every start: a stopped context may be started again (Spring pauses idle test contexts). */
    private volatile ExecutorService executor;
    private volatile boolean running;
    private Thread poller;
    private long lastDepthCheckMillis;

    DeliveryWorker(DeliveryRepository deliveries, Deliverer deliverer, WebhookProperties properties, Clock clock,
            MeterRegistry meters) {
        this.deliveries = deliveries;
        this.deliverer = deliverer;
        this.properties = properties;
        this.clock = clock;
        this.slots = new Semaphore(properties.maxInFlight());
        meters.gauge("coffer.webhooks.queue.depth", queueDepth);
    }

    /** Called after a commit that created deliveries: deliver now rather than at the next poll. */
    public void wakeUp() {
        wake.release();
    }

    private void loop() {
        while (running) {
            try {
                wake.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
                pollOnce();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("webhook poll failed: {}", e.toString());
            }
        }
    }

    /** Claims what is due and hands each claim to a virtual thread; visible for tests. */
    public int pollOnce() {
        updateQueueDepth();
        int free = slots.availablePermits();
        if (free == 0) {
            return 0;
        }
        var now = clock.instant();
        var claims = deliveries.claim(now, now.plus(properties.lease()), free);
        int started = 0;
        for (var claim : claims) {
            var perEndpoint = inFlightByEndpoint.computeIfAbsent(claim.endpointId(), id -> new AtomicInteger());
            if (perEndpoint.incrementAndGet() > properties.maxInFlightPerEndpoint() || !slots.tryAcquire()) {
                perEndpoint.decrementAndGet();
                deliveries.release(claim);
                continue;
            }
            started++;
            executor.submit(() -> deliver(claim, perEndpoint));
        }
        return started;
    }

    private void deliver(Claim claim, AtomicInteger perEndpoint) {
        try {
            deliverer.deliver(claim);
        } catch (RuntimeException e) {
            log.warn("webhook delivery {} crashed: {}", claim.id(), e.toString());
        } finally {
            perEndpoint.decrementAndGet();
            slots.release();
        }
    }

    private void updateQueueDepth() {
        long nowMillis = System.currentTimeMillis();
        if (nowMillis - lastDepthCheckMillis > 10_000) {
            lastDepthCheckMillis = nowMillis;
            queueDepth.set(deliveries.pendingCount());
        }
    }

    @Override
    public void start() {
        executor = Executors.newVirtualThreadPerTaskExecutor();
        running = true;
        poller = Thread.ofPlatform().name("webhook-poller").daemon().start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        poller.interrupt();
        executor.shutdown();
        try {
            executor.awaitTermination(properties.timeout().toSeconds() + 1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
