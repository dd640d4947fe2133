package dev.coffer.ledger.transfer;

import dev.coffer.ledger.RefusalAnswers;
import dev.coffer.ledger.engine.Outcome;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.idempotency.StoredResponse;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders a bulk request's answer: 200 with each item's result in request order. Items refused before the ledger
 * (someone else's account, a currency mismatch) carry their refusal; the others take the engine's outcomes in turn.
 */
@Component
class BulkAnswers {

    private final JsonMapper json;

    BulkAnswers(JsonMapper json) {
        this.json = json;
    }

    /**
     * {@code refusals} has one slot per item, null where the item went to the engine; {@code outcomes} has one
     * outcome per such item, in order.
     */
    StoredResponse render(List<ApiException> refusals, List<Outcome> outcomes) {
        var results = new ArrayList<BulkTransferResults.BulkTransferResult>(refusals.size());
        var next = outcomes.iterator();
        for (int index = 0; index < refusals.size(); index++) {
            var refusal = refusals.get(index);
            if (refusal != null) {
                results.add(refused(index, refusal));
                continue;
            }
            results.add(switch (next.next()) {
                case Outcome.Applied applied ->
                        new BulkTransferResults.BulkTransferResult(index, 201, TransferView.of(applied.transfer()), null);
                case Outcome.Refused refused ->
                        refused(index, RefusalAnswers.toException(refused.refusal(), refused.detail()));
            });
        }
        if (next.hasNext()) {
            throw new IllegalStateException("more outcomes than items sent to the ledger");
        }
        return new StoredResponse(200, json.writeValueAsString(new BulkTransferResults(results)));
    }

    private static BulkTransferResults.BulkTransferResult refused(int index, ApiException refusal) {
        int status = refusal.status().value();
        var problem = new BulkTransferResults.BulkTransferProblem("/problems/" + refusal.code(),
                refusal.status().getReasonPhrase(), status, refusal.getMessage(), refusal.code());
        return new BulkTransferResults.BulkTransferResult(index, status, null, problem);
    }
}
