package dev.coffer.platform.web;

import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Describes why a JSON body could not be read, in words safe to show a client (no class names). */
final class JsonErrors {

    private JsonErrors() {
    }

    static String describe(HttpMessageNotReadableException e) {
        var cause = e.getMostSpecificCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return "Unknown field '" + unknown.getPropertyName() + "'";
        }
        if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            return "Field '" + path(mismatch) + "' has the wrong type or shape";
        }
        if (cause instanceof JacksonException) {
            return "The body is not valid JSON";
        }
        return "The request body is missing or unreadable";
    }

    private static String path(MismatchedInputException e) {
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
