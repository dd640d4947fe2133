package dev.coffer.platform.pages;

import dev.coffer.platform.ApiException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * What a page action came to, as the page must tell it: {@link Done} (perhaps the replay of an earlier success of
 * the same form) or {@link Refused} (with the refusal's stable code and its message for people). Made by
 * {@link PageAction}; services may one day return these directly instead of exceptions and stored JSON.
 */
public sealed interface PageOutcome<T> {

    /** The action happened; {@code replayed} when this is the stored answer of an earlier, identical submission. */
    record Done<T>(T value, boolean replayed) implements PageOutcome<T> {
    }

    /**
     * The action was refused and changed nothing. {@code retryAfter} is null unless the refusal says when a retry
     * may succeed (a lockout).
     */
    record Refused<T>(HttpStatus status, String code, String message, Duration retryAfter) implements PageOutcome<T> {

        public Refused {
            Objects.requireNonNull(status);
            Objects.requireNonNull(code);
            Objects.requireNonNull(message);
        }

        static <T> Refused<T> of(ApiException e) {
            return new Refused<>(e.status(), e.code(), e.getMessage(), e.retryAfter().orElse(null));
        }

        public Optional<Duration> waitBeforeRetry() {
            return Optional.ofNullable(retryAfter);
        }
    }

    default boolean succeeded() {
        return this instanceof Done;
    }

    /** The success's value; empty for a refusal (and for an action that returns nothing). */
    default Optional<T> successValue() {
        return this instanceof Done<T> done ? Optional.ofNullable(done.value()) : Optional.empty();
    }
}
