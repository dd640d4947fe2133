package dev.coffer.platform.idempotency;

import dev.coffer.platform.ApiException;
import dev.coffer.platform.web.Problems;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs one idempotent request in one transaction: claim the key, do the work, store the answer, commit.
 *
 * <p>A business refusal (422, say insufficient_funds) is an answer too: the work is rolled back to a savepoint and
 * the refusal is stored, so a retry with the same key gets the same refusal, as with Stripe. Other refusals (404,
 * 409, 429, 503) and unexpected errors store nothing, so the client may retry.
 */
@Component
public class IdempotentExecutor {

    private final IdempotencyStore store;
    private final TransactionTemplate tx;
    private final JsonMapper json;

    IdempotentExecutor(IdempotencyStore store, TransactionTemplate tx, JsonMapper json) {
        this.store = store;
        this.tx = tx;
        this.json = json;
    }

    /** {@code work} returns the success status and body; it runs inside the transaction. */
    public IdempotentAnswer execute(IdempotencyKey key, Supplier<Success> work) {
        var outcome = tx.execute(status -> switch (store.claim(key)) {
            case IdempotencyStore.Claim.Fresh fresh -> runFresh(key, work, status);
            case IdempotencyStore.Claim.Replay replay -> new Outcome(replay.response(), true);
            case IdempotencyStore.Claim.Mismatch mismatch -> throw reused();
            case IdempotencyStore.Claim.InFlight inFlight -> throw inUse();
        });
        return new IdempotentAnswer(outcome.response(), outcome.replayed());
    }

    /** A successful answer: status and body object (serialized once, stored and sent byte for byte). */
    public record Success(HttpStatus status, Object body) {
    }

    private record Outcome(StoredResponse response, boolean replayed) {
    }

    private Outcome runFresh(IdempotencyKey key, Supplier<Success> work, TransactionStatus status) {
        var savepoint = status.createSavepoint();
        StoredResponse response;
        try {
            var success = work.get();
            response = new StoredResponse(success.status().value(), json.writeValueAsString(success.body()));
        } catch (ApiException refusal) {
            if (!isStorable(refusal)) {
                throw refusal;
            }
            status.rollbackToSavepoint(savepoint);
            response = problem(refusal);
        }
        store.record(key, response);
        return new Outcome(response, false);
    }

    /**
     * Business refusals (422: insufficient funds, a frozen account) are outcomes and are stored; everything else
     * (not found, conflicts, rate limits, server trouble) leaves no trace, so a retry is judged afresh.
     */
    static boolean isStorable(ApiException e) {
        return e.status().value() == 422;
    }

    public StoredResponse problem(ApiException e) {
        return new StoredResponse(e.status().value(),
                json.writeValueAsString(Problems.of(e.status(), e.code(), e.getMessage())));
    }

    /** The HTTP answer for a controller: the stored bytes, their status and content type, the replay header. */
    public static ResponseEntity<String> toResponse(IdempotentAnswer answer) {
        return toResponse(answer.stored(), answer.replayed());
    }

    public static ResponseEntity<String> toResponse(StoredResponse response, boolean replayed) {
        var builder = ResponseEntity.status(response.status())
                .contentType(response.isError() ? MediaType.APPLICATION_PROBLEM_JSON : MediaType.APPLICATION_JSON);
        if (replayed) {
            builder.header(IdempotencyKey.REPLAYED_HEADER, "true");
        }
        return builder.body(response.body());
    }

    public static ApiException reused() {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency_key_reused",
                "This Idempotency-Key was already used with a different request");
    }

    public static ApiException inUse() {
        return new ApiException(HttpStatus.CONFLICT, "idempotency_key_in_use",
                "A request with this Idempotency-Key is still being processed; retry shortly");
    }
}
