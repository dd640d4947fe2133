package dev.coffer.platform.web;

import java.util.List;

/** Fields of a request that break a rule checked outside Bean Validation; answered 400 {@code validation_failed}. */
final class InvalidFieldsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Answered within the request that raised it, never serialized. */
    private final transient List<Problems.FieldError> errors;

    InvalidFieldsException(List<Problems.FieldError> errors) {
        super("invalid fields: " + errors, null, false, false);
        this.errors = List.copyOf(errors);
    }

    List<Problems.FieldError> errors() {
        return errors;
    }
}
