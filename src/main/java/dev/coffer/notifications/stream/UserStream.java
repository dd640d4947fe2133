package dev.coffer.notifications.stream;

import dev.coffer.notifications.stream.UserEventRepository.UserEvent;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One open stream: its own virtual thread sends what the hub offers, so a slow client never holds up the poller or
 * other streams. The queue is bounded; a client too slow to keep up is closed, and reconnecting with its
 * {@code Last-Event-ID} gets what it missed from the outbox. Events at or before what was already sent (the replay)
 * are dropped, so each event goes out once.
 */
public final class UserStream {

    private static final Object HEARTBEAT = new Object();
    private static final Object CLOSE = new Object();

    private final String userId;
    private final SseEmitter emitter;
    private final BlockingQueue<Object> queue;
    private volatile EventCursor sent;
    private volatile boolean closed;

    public UserStream(String userId, SseEmitter emitter, EventCursor from, int maxQueued) {
        this.userId = userId;
        this.emitter = emitter;
        this.sent = from;
        this.queue = new ArrayBlockingQueue<>(maxQueued);
    }

    public String userId() {
        return userId;
    }

    /**
     * Sends the replay, then whatever the hub offers, until closed. Call once, after registering. After a replay
     * cut at its limit the stream ends, and the client's reconnect (with the last id) fetches the rest.
     */
    public void start(List<UserEvent> replay, boolean replayCut, Runnable onEnd) {
        Thread.ofVirtual().name("sse-" + userId).start(() -> {
            try {
                emitter.send(SseEmitter.event().comment("connected"));
                for (var event : replay) {
                    send(event);
                }
                if (replayCut) {
                    close();
                }
                for (var item = queue.take(); item != CLOSE && !closed; item = queue.take()) {
                    if (item == HEARTBEAT) {
                        emitter.send(SseEmitter.event().comment("heartbeat"));
                    } else {
                        send((UserEvent) item);
                    }
                }
                emitter.complete();
            } catch (IOException | IllegalStateException gone) {
                emitter.completeWithError(gone); // the client went away; it resumes with Last-Event-ID
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                closed = true;
                onEnd.run();
            }
        });
    }

    void offer(UserEvent event) {
        if (closed || event.cursor().compareTo(sent) <= 0) {
            return;
        }
        if (!queue.offer(event)) {
            close(); // too slow: it will resume from the outbox
        }
    }

    void heartbeat() {
        queue.offer(HEARTBEAT);
    }

    public void close() {
        closed = true;
        queue.clear();
        queue.offer(CLOSE);
    }

    private void send(UserEvent event) throws IOException {
        if (event.cursor().compareTo(sent) <= 0) {
            return;
        }
        emitter.send(SseEmitter.event().id(event.cursor().wire()).name(event.type())
                .data(event.body(), MediaType.APPLICATION_JSON));
        sent = event.cursor();
    }
}
