package dev.coffer.ledger;

/**
 * Why the ledger refused an operation, in its own words (TigerBeetle's {@code CreateTransferResult}): each with the
 * stable {@code code} clients branch on. The ledger knows nothing of HTTP; {@link RefusalAnswers} maps these to
 * statuses once, at the edge.
 */
public enum Refusal {
    ACCOUNT_NOT_FOUND("not_found"),
    HOLD_NOT_FOUND("not_found"),
    SAME_ACCOUNT("same_account"),
    INVALID_AMOUNT("invalid_amount"),
    CURRENCY_MISMATCH("currency_mismatch"),
    ACCOUNT_FROZEN("account_frozen"),
    ACCOUNT_CLOSED("account_closed"),
    INSUFFICIENT_FUNDS("insufficient_funds"),
    BALANCE_LIMIT_EXCEEDED("balance_limit_exceeded"),
    LIMIT_EXCEEDED("limit_exceeded"),
    HOLD_NOT_PENDING("hold_not_pending"),
    HOLD_EXPIRED("hold_expired"),
    AMOUNT_EXCEEDS_HOLD("amount_exceeds_hold");

    private final String code;

    Refusal(String code) {
        this.code = code;
    }

    /** The stable snake_case code of the problem this refusal answers with. */
    public String code() {
        return code;
    }
}
