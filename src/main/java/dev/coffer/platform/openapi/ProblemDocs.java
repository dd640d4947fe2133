package dev.coffer.platform.openapi;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.web.method.HandlerMethod;

/**
 * Documents every error answer of an operation: the refusals operations of its kind share (derived from
 * {@link OperationTraits}, mirroring where the server refuses them) and its own {@code @Refuses}.
 */
final class ProblemDocs implements OperationCustomizer {

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        OperationTraits.of(operation, handler).ifPresent(traits -> {
            var responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
            refusals(traits).forEach((status, codes) -> responses.addApiResponse(Integer.toString(status),
                    ProblemResponses.of(new ProblemResponses.Refusal(status, codes))));
            operation.setResponses(responses);
        });
        return operation;
    }

    static SortedMap<Integer, TreeSet<String>> refusals(OperationTraits operation) {
        var refusals = new TreeMap<Integer, TreeSet<String>>();
        if (operation.hasBody()) {
            add(refusals, 400, "malformed_request", "validation_failed"); // ProblemHandler: unreadable / invalid body
            add(refusals, 413, "payload_too_large");                      // BodySizeLimitFilter
            add(refusals, 415, "unsupported_media_type");                 // not application/json
        }
        if (operation.hasPathIds()) {
            add(refusals, 400, "bad_request");                            // Tomcat refuses the URL itself
            add(refusals, 404, "not_found");                              // unknown, another's, or ill-shaped id
        }
        if (operation.hasQuery()) {
            add(refusals, 400, "validation_failed", "bad_request");       // wrong type; not UTF-8 (ProblemHandler)
        }
        if (operation.accepts().anonymous()) {
            add(refusals, 401, "invalid_token");                          // BearerTokenFilter, on any /api path
        } else {
            add(refusals, 401, "invalid_token", "unauthenticated");
        }
        if (!operation.takesEveryCredential()) {
            add(refusals, 403, "forbidden");                              // CredentialKindInterceptor, roles
        }
        if (operation.refusesSomeAppTokens()) {
            add(refusals, 403, "insufficient_scope");                     // CredentialKindInterceptor, OAuth
        }
        if (operation.idempotent()) {
            add(refusals, 400, "idempotency_key_required", "invalid_idempotency_key");
            add(refusals, 409, "idempotency_key_in_use");
            add(refusals, 422, "idempotency_key_reused");
        }
        add(refusals, 503, "database_unavailable", "server_busy");          // server_busy: AdmissionFilter
        operation.refusals().forEach(refuses -> add(refusals, refuses.status(), refuses.codes()));
        return refusals;
    }

    private static void add(SortedMap<Integer, TreeSet<String>> refusals, int status, String... codes) {
        var set = refusals.computeIfAbsent(status, s -> new TreeSet<>());
        for (var code : codes) {
            set.add(code);
        }
    }
}
