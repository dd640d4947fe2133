package dev.coffer.cli.bench;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One open {@code GET /api/v1/events/stream}, read line by line as server-sent events (an {@code event:}, a
 * {@code data:} and an {@code id:} line, then a blank line; comment lines start with a colon). Each complete event
 * goes to the sink with the moment its last line arrived. Lines arrive on the HTTP client's threads, so no thread
 * waits per stream. Should the server end the stream (it closes one that falls too far behind), it is opened again
 * with {@code Last-Event-ID}, as a browser's EventSource would, and resumes without a gap.
 */
final class EventStreamReader {

    /** Where complete events go. Called from the HTTP client's threads, for many streams at once. */
    interface Sink {
        void event(String type, String data, long arrivalNanos);
    }

    private final BenchClient client;
    private final String token;
    private final Sink sink;
    private final CountDownLatch ready;
    /** Counts {@link #ready} down once: when the first connection says "connected", or fails. */
    private final AtomicBoolean signalled = new AtomicBoolean();
    private volatile Flow.Subscription subscription;
    private volatile boolean closing;
    private volatile String failure;
    private volatile String lastId;
    private volatile int reopened;
    // Parser state: touched by one connection's line subscriber at a time.
    private String type;
    private final StringBuilder data = new StringBuilder();

    private EventStreamReader(BenchClient client, String token, Sink sink, CountDownLatch ready) {
        this.client = client;
        this.token = token;
        this.sink = sink;
        this.ready = ready;
    }

    /** Opens a stream; {@code ready} counts down once it is connected (its first comment) or has failed. */
    static EventStreamReader open(BenchClient client, String token, Sink sink, CountDownLatch ready) {
        var reader = new EventStreamReader(client, token, sink, ready);
        reader.connect();
        return reader;
    }

    /** Why the stream could not be opened (status and body, or the connection's error); null while it is fine. */
    String failure() {
        return failure;
    }

    /** How often the server ended the stream and it was opened again with Last-Event-ID. */
    int reopened() {
        return reopened;
    }

    /** Ends the stream from this side. */
    void close() {
        closing = true;
        var current = subscription;
        if (current != null) {
            current.cancel();
        }
    }

    private void connect() {
        var request = HttpRequest.newBuilder(client.uri("/api/v1/events/stream"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream")
                .timeout(Duration.ofHours(1)).GET();
        if (lastId != null) {
            request.header("Last-Event-ID", lastId);
        }
        client.http().sendAsync(request.build(),
                info -> HttpResponse.BodySubscribers.fromLineSubscriber(new Lines(info.statusCode())))
                .whenComplete((response, error) -> {
                    if (error != null) {
                        ended(false, error.toString());
                    }
                });
    }

    private void ended(boolean wasOpen, String why) {
        if (closing) {
            return;
        }
        if (wasOpen && signalled.get() && failure == null) {
            reopened++;
            connect();
            return;
        }
        failure = why;
        if (signalled.compareAndSet(false, true)) {
            ready.countDown();
        }
    }

    private void line(String line) {
        if (line.isEmpty()) {
            if (type != null) {
                sink.event(type, data.toString(), System.nanoTime());
            }
            type = null;
            data.setLength(0);
        } else if (line.startsWith(":")) {
            if (line.startsWith(":connected") && signalled.compareAndSet(false, true)) {
                ready.countDown();
            }
        } else if (line.startsWith("event:")) {
            type = line.substring("event:".length()).strip();
        } else if (line.startsWith("data:")) {
            data.append(line.substring("data:".length()).strip());
        } else if (line.startsWith("id:")) {
            lastId = line.substring("id:".length()).strip();
        }
    }

    /** The lines of one connection; a reconnect gets a new one. A refusal's body is kept for the message. */
    private final class Lines implements Flow.Subscriber<String> {
        private final int status;
        private final StringBuilder refusal = new StringBuilder();

        Lines(int status) {
            this.status = status;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String text) {
            if (status == 200) {
                line(text);
            } else {
                refusal.append(text);
            }
        }

        @Override
        public void onError(Throwable error) {
            ended(status == 200, error.toString());
        }

        @Override
        public void onComplete() {
            ended(status == 200, status == 200 ? "ended by the server" : "answered " + status + ": " + refusal);
        }
    }
}
