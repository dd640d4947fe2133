package dev.coffer.platform.web;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Why a JSON body could not be read, in words safe to show a client (no class names). Well-formed JSON with a wrong
 * field (wrong type, out of range, unknown) is a field error, answered as {@code validation_failed}; anything else
 * (broken JSON, no body, not an object) is {@code malformed_request}.
 */
final class JsonErrors {

    private JsonErrors() {
    }

    /** The field at fault, when the JSON was well-formed but one of its values did not fit. */
    static Optional<Problems.FieldError> fieldError(HttpMessageNotReadableException e) {
        var located = located(e);
        if (located.isEmpty()) {
            return Optional.empty();
        }
        var field = path(located.get());
        return switch (e.getMostSpecificCause()) {
            case UnrecognizedPropertyException unknown -> Optional.of(new Problems.FieldError(field,
                    "is not a field of this request"));
            case InputCoercionException outOfRange -> Optional.of(new Problems.FieldError(field,
                    "is out of range"));
            case MismatchedInputException mismatch -> Optional.of(new Problems.FieldError(field,
                    expectation(mismatch.getTargetType())));
            default -> Optional.empty();
        };
    }

    /** For a body that is not even well-formed JSON of the right overall shape. */
    static String describe(HttpMessageNotReadableException e) {
        var cause = e.getMostSpecificCause();
        if (cause instanceof MismatchedInputException) {
            return "The body must be a JSON object";
        }
        if (cause instanceof JacksonException) {
            return "The body is not valid JSON";
        }
        return "The request body is missing or unreadable";
    }

    /** The outermost Jackson error that knows where in the body it happened (an inner one may have lost it). */
    private static Optional<JacksonException> located(Throwable e) {
        for (var cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
                return Optional.of(jackson);
            }
        }
        return Optional.empty();
    }

    private static String expectation(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type == String.class) {
            return "must be a string";
        }
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
            return "must be a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "must be an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "must be an object";
        }
        return "has the wrong type";
    }

    private static String path(JacksonException e) {
        var out = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }
}
