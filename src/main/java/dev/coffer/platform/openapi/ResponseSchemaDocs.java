package dev.coffer.platform.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import java.util.ArrayList;
import java.util.HashSet;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;

/**
 * Marks every property of the schemas that answers use as required: Coffer's JSON writes every field of a view,
 * {@code null} included, so a client may count on each key being there ({@code @Nullable} fields say when its
 * value may be {@code null}). A schema used by requests too would make that false for them, so it is refused.
 */
// swagger-models is raw-typed (Schema, Map<String, Schema>): its generics cannot be honoured here.
@SuppressWarnings({"rawtypes", "unchecked"})
final class ResponseSchemaDocs implements GlobalOpenApiCustomizer {

    @Override
    public void customise(OpenAPI openApi) {
        var graph = new SchemaGraph(openApi);
        var shared = new HashSet<>(graph.answers);
        shared.retainAll(graph.requests);
        if (!shared.isEmpty()) {
            throw new IllegalStateException("Schemas used by requests and answers alike (give the request its own "
                    + "record): " + shared);
        }
        var schemas = openApi.getComponents().getSchemas();
        graph.answers.forEach(name -> {
            var schema = schemas.get(name);
            if (schema.getProperties() != null) {
                schema.setRequired(new ArrayList<>(schema.getProperties().keySet()));
            }
        });
    }
}
