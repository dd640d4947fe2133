package dev.coffer.ledger;

import dev.coffer.platform.ApiException;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/** The result of a ledger call from another module: done (with the transfer, if one was posted) or refused. */
public sealed interface LedgerResult {

    record Done(Optional<String> transferId) implements LedgerResult {
    }

    record Refused(HttpStatus status, String code, String detail) implements LedgerResult {
        public ApiException toException() {
            return new ApiException(status, code, detail);
        }
    }

    /** The transfer id when done; throws the refusal as a user-facing error otherwise. */
    default Optional<String> orThrow() {
        return switch (this) {
            case Done done -> done.transferId();
            case Refused refused -> throw refused.toException();
        };
    }
}
