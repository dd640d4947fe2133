package dev.coffer.ledger;

import dev.coffer.platform.ApiException;
import java.util.Optional;

/** The result of a ledger call from another module: done (with the transfer, if one was posted) or refused. */
public sealed interface LedgerResult {

    record Done(Optional<String> transferId) implements LedgerResult {
    }

    record Refused(Refusal refusal, String detail) implements LedgerResult {
        public ApiException toException() {
            return RefusalAnswers.toException(refusal, detail);
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
