package dev.coffer.platform.openapi;

import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;

/** Schema objects written the OpenAPI 3.1 way ({@code type} as JSON Schema 2020-12 has it), as springdoc emits. */
// swagger-models is raw-typed (Schema, Map<String, Schema>): its generics cannot be honoured here.
@SuppressWarnings({"rawtypes", "unchecked"})
final class Schemas {

    private Schemas() {
    }

    static Schema<Object> string() {
        return typed("string");
    }

    static Schema<Object> integer() {
        return typed("integer");
    }

    static Schema<Object> object() {
        return typed("object");
    }

    static Schema<Object> array(Schema<?> items) {
        return typed("array").items(items);
    }

    private static Schema<Object> typed(String type) {
        var schema = new JsonSchema();
        schema.addType(type);
        return schema;
    }
}
