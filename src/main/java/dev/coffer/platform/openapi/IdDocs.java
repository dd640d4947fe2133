package dev.coffer.platform.openapi;

import dev.coffer.platform.IdOf;
import dev.coffer.platform.Ids;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.lang.annotation.Annotation;
import java.util.Arrays;
import org.springdoc.core.customizers.ParameterCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springframework.core.MethodParameter;

/**
 * Says what each {@link IdOf} path variable and request field holds, and that an id of another shape is simply not
 * found (404), as the server answers. Not a schema {@code pattern}: the server does not refuse such a value as
 * invalid, it finds nothing under it.
 */
// swagger-models is raw-typed (Schema, Map<String, Schema>): its generics cannot be honoured here.
@SuppressWarnings({"rawtypes", "unchecked"})
final class IdDocs implements ParameterCustomizer, PropertyCustomizer {

    @Override
    public Parameter customize(Parameter parameter, MethodParameter methodParameter) {
        var id = methodParameter.getParameterAnnotation(IdOf.class);
        if (parameter != null && id != null) {
            parameter.description(describe(id)).example(Ids.example(id.value()[0]));
        }
        return parameter;
    }

    @Override
    public Schema customize(Schema property, AnnotatedType type) {
        var annotations = type.getCtxAnnotations() == null ? new Annotation[0] : type.getCtxAnnotations();
        Arrays.stream(annotations).filter(IdOf.class::isInstance).map(IdOf.class::cast).findFirst()
                .ifPresent(id -> property.description(describe(id)).example(Ids.example(id.value()[0])));
        return property;
    }

    private static String describe(IdOf id) {
        return "An id: " + Arrays.stream(id.value()).map(Ids::describeShape).collect(java.util.stream.Collectors.joining(" or ")) + ". An id of another shape names nothing: 404 "
                + "`not_found`, as for an unknown one.";
    }
}
