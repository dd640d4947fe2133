package dev.coffer.notifications.stream;

import dev.coffer.notifications.NotificationProperties;
import dev.coffer.notifications.stream.UserEventRepository.UserEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * This node's open event streams, and the one poller that feeds them all: it reads every user's settled events
 * after its cursor (one query per poll, however many streams are open) and hands each to that user's streams. Any
 * node serves any user: the outbox is in PostgreSQL, so an event committed on another node arrives within one poll
 * interval; one committed here wakes the poller at once.
 */
@Component
public class StreamHub implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StreamHub.class);
    private static final int POLL_LIMIT = 1_000;

    private final UserEventRepository events;
    private final NotificationProperties properties;
    private final Map<String, List<UserStream>> streamsByUser = new ConcurrentHashMap<>();
    private final AtomicInteger openStreams = new AtomicInteger();
    private volatile EventCursor cursor;
    private volatile boolean running;
    private volatile Thread poller;

    StreamHub(UserEventRepository events, NotificationProperties properties, MeterRegistry meters) {
        this.events = events;
        this.properties = properties;
        meters.gauge("coffer.streams.open", openStreams);
    }

    /** Why a stream could not be opened: the per-user or the per-node bound. */
    public enum Refusal { TOO_MANY_FOR_USER, TOO_MANY_ON_NODE }

    /**
     * Registers a stream, or refuses it past the bounds. Registered before its replay is read, so nothing
     * published meanwhile is lost (the stream drops what its replay already sent).
     */
    public Refusal register(UserStream stream) {
        if (openStreams.incrementAndGet() > properties.maxStreamsPerNode()) {
            openStreams.decrementAndGet();
            return Refusal.TOO_MANY_ON_NODE;
        }
        var list = streamsByUser.computeIfAbsent(stream.userId(), id -> new CopyOnWriteArrayList<>());
        synchronized (list) {
            if (list.size() >= properties.maxStreamsPerUser()) {
                openStreams.decrementAndGet();
                return Refusal.TOO_MANY_FOR_USER;
            }
            list.add(stream);
        }
        return null;
    }

    public void unregister(UserStream stream) {
        var list = streamsByUser.get(stream.userId());
        if (list != null && list.remove(stream)) {
            openStreams.decrementAndGet();
        }
    }

    /** A user's events settled after {@code from}, for a stream that resumes. */
    public List<UserEvent> replay(String userId, EventCursor from) {
        return events.afterForUser(userId, from, properties.maxReplay());
    }

    /** Polls now rather than at the next interval: called after a local commit wrote user events. */
    public void wakeUp() {
        var thread = poller;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    public int openStreams() {
        return openStreams.get();
    }

    private void loop() {
        while (running) {
            try {
                pollOnce();
                heartbeat();
            } catch (DataAccessException e) {
                log.warn("user event poll failed: {}", e.getMessage());
            } catch (RuntimeException e) {
                log.error("user event poll failed", e);
            }
            LockSupport.parkNanos(properties.pollInterval().toNanos());
        }
    }

    /** One read of the outbox after this node's cursor, fanned out; returns how many events it read. */
    int pollOnce() {
        if (cursor == null) {
            cursor = events.head();
        }
        var batch = events.after(cursor, POLL_LIMIT);
        for (var event : batch) {
            var streams = streamsByUser.get(event.userId());
            if (streams != null) {
                streams.forEach(stream -> stream.offer(event));
            }
            cursor = event.cursor();
        }
        return batch.size();
    }

    private long lastHeartbeatNanos = System.nanoTime();

    private void heartbeat() {
        long now = System.nanoTime();
        if (Duration.ofNanos(now - lastHeartbeatNanos).compareTo(properties.heartbeat()) >= 0) {
            lastHeartbeatNanos = now;
            streamsByUser.values().forEach(list -> list.forEach(UserStream::heartbeat));
        }
    }

    @Override
    public void start() {
        running = true;
        poller = Thread.ofPlatform().name("user-event-poller").daemon().start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        var thread = poller;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
        streamsByUser.values().forEach(list -> list.forEach(UserStream::close));
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
