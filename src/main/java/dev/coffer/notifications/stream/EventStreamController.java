package dev.coffer.notifications.stream;

import static dev.coffer.platform.CofferPrincipal.Kind.SESSION;

import dev.coffer.notifications.NotificationProperties;
import dev.coffer.platform.Accepts;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.Refuses;
import dev.coffer.platform.openapi.ApiTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/v1/events/stream}: the caller's own events as server-sent events, each with an {@code id:};
 * reconnecting with {@code Last-Event-ID} resumes after it without gaps. A user token or the browser's session
 * cookie (EventSource cannot send headers) opens it; at most a few per user and a bound per node (429 beyond).
 */
@RestController
@Tag(name = ApiTags.IDENTITY)
@Accepts(SESSION)
class EventStreamController {

    private final StreamHub hub;
    private final NotificationProperties properties;

    EventStreamController(StreamHub hub, NotificationProperties properties) {
        this.hub = hub;
        this.properties = properties;
    }

    @Operation(operationId = "streamEvents", summary = "The caller's own events as server-sent events")
    @Refuses(status = 400, codes = "invalid_last_event_id")
    @Refuses(status = 429, codes = "too_many_streams")
    @GetMapping(path = "/api/v1/events/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@AuthenticationPrincipal CofferPrincipal principal,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        var resumeFrom = lastEventId == null ? null : EventCursor.parse(lastEventId.strip())
                .orElseThrow(() -> new ApiException(HttpStatus.BAD_REQUEST, "invalid_last_event_id",
                        "Last-Event-ID must be an id this stream sent"));
        var emitter = new SseEmitter(properties.streamTimeout().toMillis());
        var stream = new UserStream(principal.userId(), emitter,
                resumeFrom == null ? EventCursor.START : resumeFrom, properties.maxQueuedPerStream());
        var refusal = hub.register(stream);
        if (refusal != null) {
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "too_many_streams",
                    refusal == StreamHub.Refusal.TOO_MANY_FOR_USER
                            ? "Too many open event streams for this user; close one first"
                            : "This server has as many open event streams as it serves; try again shortly",
                    Duration.ofSeconds(refusal == StreamHub.Refusal.TOO_MANY_FOR_USER ? 30 : 5));
        }
        emitter.onCompletion(stream::close);
        emitter.onTimeout(stream::close);
        emitter.onError(error -> stream.close());
        List<UserEventRepository.UserEvent> replay = resumeFrom == null ? List.of()
                : hub.replay(principal.userId(), resumeFrom);
        stream.start(replay, replay.size() >= properties.maxReplay(), () -> hub.unregister(stream));
        return emitter;
    }
}
