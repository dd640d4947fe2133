package dev.coffer.platform.openapi;

import dev.coffer.platform.Accepts;
import dev.coffer.platform.Refuses;
import dev.coffer.platform.idempotency.IdempotencyKey;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.method.HandlerMethod;

/**
 * What an API operation is, as far as its shared refusals go: who may call it, whether it names objects in its path,
 * takes query parameters or a body, moves money under an {@code Idempotency-Key}, and its own {@link Refuses}.
 */
record OperationTraits(Accepts accepts, boolean hasBody, boolean hasPathIds, boolean hasQuery, boolean idempotent,
        List<Refuses> refusals) {

    static Optional<OperationTraits> of(Operation operation, HandlerMethod handler) {
        var parameters = operation.getParameters() == null ? List.<Parameter>of() : operation.getParameters();
        return Accepts.Lookup.of(handler).map(accepts -> new OperationTraits(accepts,
                operation.getRequestBody() != null,
                parameters.stream().anyMatch(p -> "path".equals(p.getIn())),
                parameters.stream().anyMatch(p -> "query".equals(p.getIn())),
                takesIdempotencyKey(handler),
                List.copyOf(AnnotatedElementUtils.findMergedRepeatableAnnotations(handler.getMethod(),
                        Refuses.class))));
    }

    /** Every handler that reads the header requires it (IdempotencyKey.of refuses a missing one). */
    static boolean takesIdempotencyKey(HandlerMethod handler) {
        return Arrays.stream(handler.getMethodParameters())
                .map(p -> p.getParameterAnnotation(RequestHeader.class))
                .anyMatch(h -> h != null && (IdempotencyKey.HEADER.equals(h.name())
                        || IdempotencyKey.HEADER.equals(h.value())));
    }

    boolean takesEveryCredential() {
        return accepts.anonymous() || accepts.value().length == dev.coffer.platform.CofferPrincipal.Kind.values().length;
    }

    /** Apps' access tokens reach every operation; those that don't accept them (or want more scope) refuse. */
    boolean refusesSomeAppTokens() {
        return !accepts.anonymous();
    }
}
