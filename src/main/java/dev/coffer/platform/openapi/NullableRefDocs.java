package dev.coffer.platform.openapi;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import java.util.Arrays;
import java.util.List;
import org.springdoc.core.customizers.PropertyCustomizer;

/**
 * A {@code @Nullable} field whose type is a record is documented as "that schema or {@code null}": springdoc marks
 * {@code @Nullable} scalars as nullable by itself, but leaves a bare {@code $ref}, which would make {@code null}
 * (a refused item's {@code transfer}, say) a contract violation.
 */
// swagger-models is raw-typed (Schema, Map<String, Schema>): its generics cannot be honoured here.
@SuppressWarnings({"rawtypes", "unchecked"})
final class NullableRefDocs implements PropertyCustomizer {

    @Override
    public Schema customize(Schema property, AnnotatedType type) {
        if (property == null || property.get$ref() == null || type.getCtxAnnotations() == null
                || Arrays.stream(type.getCtxAnnotations())
                        .noneMatch(a -> a.annotationType().getSimpleName().equals("Nullable"))) {
            return property;
        }
        var nothing = new JsonSchema();
        nothing.addType("null");
        var either = new JsonSchema();
        either.setAnyOf(List.of(new JsonSchema().$ref(property.get$ref()), nothing));
        return either;
    }
}
