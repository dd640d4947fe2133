package dev.coffer.platform.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Builds RFC 9457 problem details the Coffer way: every problem has a stable snake_case {@code code}, and its
 * {@code type} is {@code /problems/<code>} so clients can branch on either.
 */
public final class Problems {

    private static final Map<Integer, String> CODES_BY_STATUS = Map.ofEntries(
            Map.entry(400, "bad_request"),
            Map.entry(401, "unauthenticated"),
            Map.entry(403, "forbidden"),
            Map.entry(404, "not_found"),
            Map.entry(405, "method_not_allowed"),
            Map.entry(406, "not_acceptable"),
            Map.entry(409, "conflict"),
            Map.entry(413, "payload_too_large"),
            Map.entry(415, "unsupported_media_type"),
            Map.entry(422, "unprocessable"),
            Map.entry(429, "too_many_requests"),
            Map.entry(503, "service_unavailable"));

    private Problems() {
    }

    public static ProblemDetail of(HttpStatusCode status, String code, String detail) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("/problems/" + code));
        problem.setProperty("code", code);
        return problem;
    }

    /** The generic code for a status, used when the framework raised the error (404 path, 405 method, …). */
    public static String codeForStatus(int status) {
        return CODES_BY_STATUS.getOrDefault(status, status >= 500 ? "internal_error" : "bad_request");
    }

    public record FieldError(String field, String message) {
    }

    public static ProblemDetail validation(List<FieldError> errors) {
        var problem = of(HttpStatusCode.valueOf(400), "validation_failed", "The request has invalid fields");
        problem.setProperty("errors", errors);
        return problem;
    }
}
