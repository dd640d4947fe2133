package dev.coffer.platform;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * A user-facing error: becomes an RFC 9457 problem+json answer with a stable snake_case {@code code}.
 * Programmer errors are not ApiExceptions; they stay IllegalStateException and answer 500.
 */
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final HttpStatus status;
    private final String code;
    private final Duration retryAfter;
    /** Extension members of the problem (RFC 9457 section 3.2), such as a step-up's {@code challengeId}. */
    private final LinkedHashMap<String, String> properties = new LinkedHashMap<>();

    public ApiException(HttpStatus status, String code, String detail) {
        this(status, code, detail, null);
    }

    public ApiException(HttpStatus status, String code, String detail, Duration retryAfter) {
        super(detail, null, false, false);
        this.status = Objects.requireNonNull(status);
        this.code = Objects.requireNonNull(code);
        this.retryAfter = retryAfter;
    }

    public static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, "not_found", what + " not found");
    }

    public static ApiException tooManyAttempts(Duration retryAfter) {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, "too_many_attempts",
                "Too many attempts; try again later", retryAfter);
    }

    /** Adds an extension member to the problem this exception answers with. */
    public ApiException with(String name, String value) {
        properties.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
        return this;
    }

    public Map<String, String> properties() {
        return Map.copyOf(properties);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
