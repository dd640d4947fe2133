package dev.coffer.ledger;

import dev.coffer.platform.ApiException;
import org.springframework.http.HttpStatus;

/** The one place where the ledger's refusals become HTTP answers: 404 for what is missing, 409 for a hold's state. */
public final class RefusalAnswers {

    private RefusalAnswers() {
    }

    public static HttpStatus status(Refusal refusal) {
        return switch (refusal) {
            case ACCOUNT_NOT_FOUND, HOLD_NOT_FOUND -> HttpStatus.NOT_FOUND;
            case HOLD_NOT_PENDING, HOLD_EXPIRED -> HttpStatus.CONFLICT;
            case SAME_ACCOUNT, INVALID_AMOUNT, CURRENCY_MISMATCH, ACCOUNT_FROZEN, ACCOUNT_CLOSED, INSUFFICIENT_FUNDS,
                    BALANCE_LIMIT_EXCEEDED, LIMIT_EXCEEDED, AMOUNT_EXCEEDS_HOLD -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
    }

    public static ApiException toException(Refusal refusal, String detail) {
        return new ApiException(status(refusal), refusal.code(), detail);
    }
}
