package dev.coffer.support;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;

/**
 * The fields of an operation's JSON request body as the OpenAPI document declares them, nested ones included
 * ({@code lineItems[0].name}, {@code metadata.k}), each with a way to write a body that holds a given raw JSON value
 * there and nothing else. Raw text, not a tree: a lone surrogate must reach the server as the escape {@code \ud800}.
 */
public final class RequestFields {

    /** One field: where it is (as a problem's {@code errors[].field} names it), its JSON type, a body around it. */
    public record Field(String path, String type, UnaryOperator<String> bodyWith) {
    }

    private RequestFields() {
    }

    public static List<Field> of(JsonNode doc, JsonNode operation) {
        var schema = operation.path("requestBody").path("content").path("application/json").path("schema");
        var fields = new ArrayList<Field>();
        walk(doc, resolve(doc, schema), "", raw -> raw, fields);
        return fields;
    }

    private static void walk(JsonNode doc, JsonNode schema, String path, UnaryOperator<String> around,
            List<Field> fields) {
        schema.path("properties").properties().forEach(property -> {
            var name = property.getKey();
            var definition = resolve(doc, property.getValue());
            var fieldPath = path.isEmpty() ? name : path + "." + name;
            UnaryOperator<String> inObject = raw -> around.apply("{\"" + name + "\":" + raw + "}");
            var type = type(definition);
            fields.add(new Field(fieldPath, type, inObject));
            switch (type) {
                case "array" -> {
                    var items = resolve(doc, definition.path("items"));
                    UnaryOperator<String> inArray = raw -> inObject.apply("[" + raw + "]");
                    fields.add(new Field(fieldPath + "[0]", type(items), inArray));
                    walk(doc, items, fieldPath + "[0]", inArray, fields);
                }
                case "object" -> {
                    if (definition.path("additionalProperties").isObject()) {
                        var values = resolve(doc, definition.path("additionalProperties"));
                        fields.add(new Field(fieldPath + ".k", type(values), raw -> inObject.apply("{\"k\":" + raw
                                + "}")));
                    }
                    walk(doc, definition, fieldPath, inObject, fields);
                }
                default -> {
                }
            }
        });
    }

    private static JsonNode resolve(JsonNode doc, JsonNode schema) {
        var ref = schema.path("$ref").asString("");
        return ref.isEmpty() ? schema
                : doc.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
    }

    /** The JSON type ({@code string}, {@code integer}, …), leaving out {@code null}. */
    private static String type(JsonNode schema) {
        var type = schema.path("type");
        if (type.isArray()) {
            for (var each : type) {
                if (!each.asString().equals("null")) {
                    return each.asString();
                }
            }
        }
        return type.asString(schema.has("properties") ? "object" : "");
    }
}
