package dev.coffer.ledger.engine;

import dev.coffer.ledger.Refusal;

/** What happened to one operation: applied (with what it produced) or refused with a user-facing reason. */
public sealed interface Outcome {

    record Applied(TransferRow transfer, HoldRow hold) implements Outcome {
    }

    record Refused(Refusal refusal, String detail) implements Outcome {
    }

    static Refused refused(Refusal refusal, String detail) {
        return new Refused(refusal, detail);
    }
}
