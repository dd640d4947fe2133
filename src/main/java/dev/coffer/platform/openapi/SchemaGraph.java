package dev.coffer.platform.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** Which component schemas the document's requests and answers use, following references and nesting. */
// swagger-models is raw-typed (Schema, Map<String, Schema>): its generics cannot be honoured here.
@SuppressWarnings({"rawtypes", "unchecked"})
final class SchemaGraph {

    private static final String REF_PREFIX = "#/components/schemas/";

    final Set<String> requests = new HashSet<>();
    final Set<String> answers = new HashSet<>();

    SchemaGraph(OpenAPI openApi) {
        var schemas = openApi.getComponents().getSchemas();
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
    }

    /** The schemas directly inside this one (properties, items, map values, combinations), not through refs. */
    static List<Schema<?>> children(Schema<?> schema) {
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
        return children.stream().filter(child -> child != null).toList();
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
}
