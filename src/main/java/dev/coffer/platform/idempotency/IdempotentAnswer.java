package dev.coffer.platform.idempotency;

import java.util.Objects;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an idempotent call answered: the response stored with its key (sent byte for byte by the API, fresh or
 * replayed) and whether this was a replay. Controllers turn it into the HTTP answer
 * ({@link IdempotentExecutor#toResponse}); pages {@link #read} it, so nobody else decodes stored JSON.
 */
public record IdempotentAnswer(StoredResponse stored, boolean replayed) {

    public IdempotentAnswer {
        Objects.requireNonNull(stored);
    }

    /** The stored answer read back: a success with its body, or a refusal with its problem's code and detail. */
    public sealed interface Reading<T> {
        record Succeeded<T>(T body, boolean replayed) implements Reading<T> {
        }

        record Refused<T>(int status, String code, String detail, boolean replayed) implements Reading<T> {
        }
    }

    public <T> Reading<T> read(Class<T> bodyType, JsonMapper json) {
        if (stored.isError()) {
            var problem = json.readTree(stored.body());
            return new Reading.Refused<>(stored.status(), problem.path("code").asString(),
                    problem.path("detail").asString(), replayed);
        }
        return new Reading.Succeeded<>(json.readValue(stored.body(), bodyType), replayed);
    }
}
