package dev.coffer.ledger.engine;

import dev.coffer.platform.ApiException;
import org.springframework.http.HttpStatus;

/** What happened to one operation: applied (with what it produced) or refused with a user-facing reason. */
public sealed interface Outcome {

    record Applied(TransferRow transfer, HoldRow hold) implements Outcome {
    }

    record Refused(HttpStatus status, String code, String detail) implements Outcome {
        public ApiException toException() {
            return new ApiException(status, code, detail);
        }
    }

    static Refused refused(HttpStatus status, String code, String detail) {
        return new Refused(status, code, detail);
    }
}
