package dev.coffer.webhooks.outbox;

import static dev.coffer.platform.CofferPrincipal.Kind.API_KEY;

import dev.coffer.platform.Accepts;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.IdOf;
import dev.coffer.platform.Refuses;
import dev.coffer.platform.Role;
import dev.coffer.platform.openapi.ApiTags;
import dev.coffer.platform.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.Nullable;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code GET /api/v1/events}: the merchant's events, newest first, filterable by type. */
@RestController
@Tag(name = ApiTags.WEBHOOKS)
@Accepts(API_KEY)
class EventController {

    private final EventRepository events;
    private final JsonMapper json;

    EventController(EventRepository events, JsonMapper json) {
        this.events = events;
        this.json = json;
    }

    record EventPage(@ArraySchema(schema = @Schema(implementation = Outbox.EventBody.class)) List<JsonNode> data,
            @Nullable String nextCursor) {
    }

    @Operation(operationId = "listEvents", summary = "The merchant's events, newest first")
    @Refuses(status = 400, codes = {"invalid_cursor", "invalid_parameter"})
    @GetMapping("/api/v1/events")
    EventPage list(@AuthenticationPrincipal CofferPrincipal merchant, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) @Pattern(regexp = Paging.TYPE_FILTER) String type) {
        merchant.require(Role.MERCHANT);
        int size = Paging.limit(limit);
        var rows = events.page(merchant.userId(), type, Paging.beforeSeq(cursor), size + 1);
        var page = rows.size() > size ? rows.subList(0, size) : rows;
        return new EventPage(page.stream().map(e -> json.readTree(e.body())).toList(),
                rows.size() > size ? Long.toString(page.getLast().seq()) : null);
    }

    @Operation(operationId = "getEvent", summary = "One of the merchant's events")
    @ApiResponse(responseCode = "200", description = "The event",
            content = @Content(schema = @Schema(implementation = Outbox.EventBody.class)))
    @GetMapping("/api/v1/events/{id}")
    JsonNode get(@AuthenticationPrincipal CofferPrincipal merchant, @PathVariable @IdOf("evt") String id) {
        merchant.require(Role.MERCHANT);
        return events.find(id).filter(e -> e.merchantId().equals(merchant.userId()))
                .map(e -> json.readTree(e.body())).orElseThrow(() -> ApiException.notFound("Event"));
    }
}
