package dev.coffer.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.notifications.stream.UserEventRepository;
import dev.coffer.support.IntegrationTest;
import dev.coffer.support.SseClient;
import java.time.Duration;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The user's event stream: events arrive as they commit, each with an id; a client that reconnects with
 * Last-Event-ID gets exactly what it missed, once; streams are bounded per user; only a person's session opens one.
 */
class EventStreamTest extends IntegrationTest {

    @Test
    void eventsArriveLiveAndAResumedStreamGetsExactlyWhatItMissed() throws Exception {
        var user = newUser("listener");
        String lastId;
        try (var stream = SseClient.open(port, user.token(), null)) {
            publish(user.id(), "first");
            var first = stream.next(Duration.ofSeconds(5));
            assertThat(first).isNotNull();
            assertThat(first.name()).isEqualTo("test.event");
            assertThat(first.data()).contains("first");
            lastId = first.id();
        }
        publish(user.id(), "missed-1");
        publish(user.id(), "missed-2");
        publish(user.id(), "missed-3");
        try (var resumed = SseClient.open(port, user.token(), lastId)) {
            publish(user.id(), "live");
            var received = new ArrayList<String>();
            for (var event : resumed.drain(Duration.ofSeconds(2))) {
                received.add(event.data());
            }
            assertThat(received).hasSize(4);
            assertThat(received.get(0)).contains("missed-1");
            assertThat(received.get(2)).contains("missed-3");
            assertThat(received.get(3)).contains("live");
        }
    }

    @Test
    void otherPeoplesEventsNeverReachTheStream() throws Exception {
        var user = newUser("private");
        var other = newUser("neighbour");
        try (var stream = SseClient.open(port, user.token(), null)) {
            publish(other.id(), "not yours");
            publish(user.id(), "yours");
            var received = stream.drain(Duration.ofSeconds(2));
            assertThat(received).extracting(SseClient.Event::data).allMatch(d -> d.contains("yours"))
                    .noneMatch(d -> d.contains("not yours")).hasSize(1);
        }
    }

    @Test
    void streamsAreBoundedPerUserAndNeedAPersonsSession() throws Exception {
        var user = newUser("greedy");
        var open = new ArrayList<SseClient>();
        try {
            for (int i = 0; i < 5; i++) {
                open.add(SseClient.open(port, user.token(), null));
            }
            var sixth = api.get("/api/v1/events/stream").token(user.token()).header("Accept", "text/event-stream")
                    .send();
            assertThat(sixth.status()).isEqualTo(429);
            assertThat(sixth.code()).isEqualTo("too_many_streams");
            assertThat(sixth.header("Retry-After")).isNotNull();
        } finally {
            for (var stream : open) {
                stream.close();
            }
        }
        var shop = newShop();
        assertThat(api.get("/api/v1/events/stream").token(shop.apiKey).send().status()).isEqualTo(403);
        assertThat(api.get("/api/v1/events/stream").send().status()).isEqualTo(401);
        assertThat(api.get("/api/v1/events/stream").token(user.token()).header("Last-Event-ID", "nonsense").send()
                .code()).isEqualTo("invalid_last_event_id");
    }

    private void publish(String userId, String text) {
        var events = applicationContext.getBean(UserEventRepository.class);
        applicationContext.getBean(TransactionTemplate.class).executeWithoutResult(status -> events.insert(
                "uevt_" + System.nanoTime(), userId, "test.event", "{\"text\":\"" + text + "\"}", clock.instant()));
        applicationContext.getBean(dev.coffer.notifications.stream.StreamHub.class).wakeUp();
    }
}
