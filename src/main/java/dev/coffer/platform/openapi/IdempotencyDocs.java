package dev.coffer.platform.openapi;

import dev.coffer.platform.idempotency.IdempotencyKey;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.web.method.HandlerMethod;

/**
 * Operations that move money: {@code Idempotency-Key} is required (the handlers declare the header optional only to
 * answer its absence with their own problem), and a replayed answer carries {@code Idempotent-Replayed: true}, for a
 * success as for a stored refusal (422).
 */
final class IdempotencyDocs implements OperationCustomizer {

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        if (!OperationTraits.takesIdempotencyKey(handler) || operation.getParameters() == null) {
            return operation;
        }
        operation.getParameters().stream().filter(p -> IdempotencyKey.HEADER.equals(p.getName())).forEach(p -> p
                .required(true)
                .description("Your unique key for this request (1 to " + IdempotencyKey.MAX_KEY_CHARS
                        + " printable ASCII characters), kept at least 24 hours. The same key with the same body "
                        + "answers the stored response again; with another body, 422 `idempotency_key_reused`.")
                .schema(Schemas.string().minLength(1).maxLength(IdempotencyKey.MAX_KEY_CHARS)
                        .pattern("^[\\x20-\\x7E]+$")));
        operation.getResponses().forEach((status, response) -> {
            if (status.startsWith("2") || status.equals("422")) {
                response.addHeaderObject(ProblemResponses.IDEMPOTENT_REPLAYED,
                        new Header().$ref("#/components/headers/" + ProblemResponses.IDEMPOTENT_REPLAYED));
            }
        });
        return operation;
    }
}
