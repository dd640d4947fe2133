package dev.coffer.ledger.transfer;

import dev.coffer.ledger.RefusalAnswers;
import dev.coffer.ledger.engine.Outcome;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.idempotency.IdempotentExecutor;
import dev.coffer.platform.idempotency.StoredResponse;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Renders a transfer outcome as the answer stored with its idempotency key and sent to the client. */
@Component
class TransferResponses {

    private final JsonMapper json;
    private final IdempotentExecutor executor;

    TransferResponses(JsonMapper json, IdempotentExecutor executor) {
        this.json = json;
        this.executor = executor;
    }

    StoredResponse render(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Applied applied -> new StoredResponse(201,
                    json.writeValueAsString(TransferView.of(applied.transfer())));
            case Outcome.Refused refused -> problem(RefusalAnswers.toException(refused.refusal(), refused.detail()));
        };
    }

    StoredResponse problem(ApiException e) {
        return executor.problem(e);
    }
}
