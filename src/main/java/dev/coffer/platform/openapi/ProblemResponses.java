package dev.coffer.platform.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;

/**
 * The error answers of the document: one {@code Problem} schema (RFC 9457 with Coffer's {@code code}), a few shared
 * responses for refusals many operations give alike, and for the rest a response per operation whose schema pins
 * {@code code} to exactly the codes that operation can answer.
 */
// swagger-models is raw-typed (Schema, Map<String, Schema>): its generics cannot be honoured here.
@SuppressWarnings({"rawtypes", "unchecked"})
final class ProblemResponses {

    static final String PROBLEM_JSON = "application/problem+json";
    static final String PROBLEM = "Problem";
    static final String RETRY_AFTER = "Retry-After";
    static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

    /** Refusals shared verbatim by many operations, documented once under {@code #/components/responses}. */
    private static final Map<String, Refusal> SHARED = Map.of(
            "Unauthenticated", new Refusal(401, new TreeSet<>(List.of("invalid_token", "unauthenticated"))),
            "Forbidden", new Refusal(403, new TreeSet<>(List.of("forbidden"))),
            "NotFound", new Refusal(404, new TreeSet<>(List.of("not_found"))),
            "PayloadTooLarge", new Refusal(413, new TreeSet<>(List.of("payload_too_large"))),
            "UnsupportedMediaType", new Refusal(415, new TreeSet<>(List.of("unsupported_media_type"))),
            "Unavailable", new Refusal(503, new TreeSet<>(List.of("database_unavailable", "server_busy"))));

    /** One status an operation answers with, and the codes its problem can carry. */
    record Refusal(int status, SortedSet<String> codes) {
    }

    private ProblemResponses() {
    }

    /** Adds the Problem schema, the shared responses and the headers they use. */
    static void register(Components components) {
        components.addSchemas(PROBLEM, problemSchema());
        components.addHeaders(RETRY_AFTER, new Header()
                .description("Seconds to wait before trying again.")
                .required(true)
                .schema(Schemas.integer().minimum(java.math.BigDecimal.ONE)));
        components.addHeaders(IDEMPOTENT_REPLAYED, new Header()
                .description("`true` when this is the stored answer to an earlier request with the same "
                        + "`Idempotency-Key` (nothing was done again).")
                .schema(Schemas.string()._enum(List.of("true"))));
        SHARED.forEach((name, refusal) -> components.addResponses(name, inline(refusal)));
    }

    /** The response for a refusal: a shared one by reference when it is exactly that, else its own. */
    static ApiResponse of(Refusal refusal) {
        return SHARED.entrySet().stream().filter(shared -> shared.getValue().equals(refusal)).findFirst()
                .map(shared -> new ApiResponse().$ref("#/components/responses/" + shared.getKey()))
                .orElseGet(() -> inline(refusal));
    }

    private static ApiResponse inline(Refusal refusal) {
        // A Problem whose code is one of these. Extra members stay allowed here (RFC 9457 lets problems grow);
        // the Problem schema says which members there are.
        var schema = Schemas.object()
                .allOf(List.of(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))
                .addProperty("code", Schemas.string()._enum(List.copyOf(refusal.codes())))
                .additionalProperties(true);
        var response = new ApiResponse()
                .description(describe(refusal))
                .content(new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(schema)));
        if (refusal.status() == 429 || refusal.status() == 503) {
            response.addHeaderObject(RETRY_AFTER, new Header().$ref("#/components/headers/" + RETRY_AFTER));
        }
        return response;
    }

    private static String describe(Refusal refusal) {
        var reason = HttpStatus.valueOf(refusal.status()).getReasonPhrase();
        return reason + ". `code`:\n" + refusal.codes().stream()
                .map(code -> "- `" + code + "`: " + ProblemCatalog.meaning(code))
                .collect(Collectors.joining("\n"));
    }

    private static Schema<?> problemSchema() {
        var fieldError = Schemas.object()
                .addProperty("field", Schemas.string().description("The field or parameter, e.g. `lineItems[0].name`"))
                .addProperty("message", Schemas.string())
                .required(List.of("field", "message"));
        var properties = new LinkedHashMap<String, Schema>();
        properties.put("type", Schemas.string().description("`/problems/<code>`"));
        properties.put("title", Schemas.string().description("The HTTP status in words"));
        properties.put("status", Schemas.integer().description("The HTTP status"));
        properties.put("detail", Schemas.string().description("What went wrong, for people"));
        properties.put("instance", Schemas.string());
        properties.put("code", Schemas.string().pattern("^[a-z][a-z0-9_]*$")
                .description("Stable snake_case machine code: branch on this"));
        properties.put("errors", Schemas.array(fieldError)
                .description("With `validation_failed`: each invalid field and why"));
        properties.put("challengeId", Schemas.string().description(
                "With `step_up_required`: the challenge to verify (`POST /api/v1/challenges/{id}/verify`) and send "
                        + "back in the `Coffer-Challenge` header"));
        return Schemas.object()
                .description("An RFC 9457 problem (`application/problem+json`) with Coffer's stable `code`.")
                .properties(properties)
                .required(List.of("type", "title", "status", "detail", "code"));
    }
}
