package dev.coffer.platform.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;

/**
 * Marks every property of the schemas that answers use as required: Coffer's JSON writes every field of a view,
 * {@code null} included, so a client may count on each key being there ({@code @Nullable} fields say when its
 * value may be {@code null}). A schema used by requests too would make that false for them, so it is refused.
 */
final class ResponseSchemaDocs implements GlobalOpenApiCustomizer {

    private static final String REF_PREFIX = "#/components/schemas/";

    @Override
    public void customise(OpenAPI openApi) {
        var schemas = openApi.getComponents().getSchemas();
        var answers = new HashSet<String>();
        var requests = new HashSet<String>();
        openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
            if (operation.getRequestBody() != null) {
                collect(operation.getRequestBody().getContent(), schemas, requests);
            }
            operation.getResponses().forEach((status, response) -> {
                if (status.startsWith("2")) {
                    collect(response.getContent(), schemas, answers);
                }
            });
        }));
        var shared = new HashSet<>(answers);
        shared.retainAll(requests);
        if (!shared.isEmpty()) {
            throw new IllegalStateException("Schemas used by requests and answers alike (give the request its own "
                    + "record): " + shared);
        }
        answers.forEach(name -> {
            var schema = schemas.get(name);
            if (schema.getProperties() != null) {
                schema.setRequired(new ArrayList<>(schema.getProperties().keySet()));
            }
        });
    }

    private static void collect(Content content, Map<String, Schema> schemas, Set<String> names) {
        if (content != null) {
            content.values().forEach(media -> walk(media.getSchema(), schemas, names));
        }
    }

    private static void walk(Schema<?> schema, Map<String, Schema> schemas, Set<String> names) {
        if (schema == null) {
            return;
        }
        if (schema.get$ref() != null && schema.get$ref().startsWith(REF_PREFIX)) {
            var name = schema.get$ref().substring(REF_PREFIX.length());
            if (names.add(name)) {
                walk(schemas.get(name), schemas, names);
            }
            return;
        }
        children(schema).forEach(child -> walk(child, schemas, names));
    }

    private static Stream<Schema<?>> children(Schema<?> schema) {
        var children = new ArrayList<Schema<?>>();
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(children::add);
        }
        children.add(schema.getItems());
        if (schema.getAdditionalProperties() instanceof Schema<?> values) {
            children.add(values);
        }
        Stream.of(schema.getAllOf(), schema.getOneOf(), schema.getAnyOf())
                .filter(list -> list != null).forEach(list -> list.forEach(children::add));
        return children.stream().filter(child -> child != null);
    }
}
