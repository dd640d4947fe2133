package dev.coffer.platform.web;

import java.util.List;

/** Fields of a request that break a rule checked outside Bean Validation; answered 400 {@code validation_failed}. */
final class InvalidFieldsException extends RuntimeException {

    private final List<Problems.FieldError> errors;

    InvalidFieldsException(List<Problems.FieldError> errors) {
        super("invalid fields: " + errors, null, false, false);
        this.errors = List.copyOf(errors);
    }

    List<Problems.FieldError> errors() {
        return errors;
    }
}
