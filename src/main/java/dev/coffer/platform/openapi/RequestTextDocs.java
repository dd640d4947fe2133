package dev.coffer.platform.openapi;

import dev.coffer.platform.PlainText;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;

/**
 * Every string a request carries follows {@link PlainText} (the server refuses others with 400
 * {@code validation_failed}); the document says so on each, as a {@code pattern} where it has none of its own.
 */
final class RequestTextDocs implements GlobalOpenApiCustomizer {

    private static final String RULE = "No control characters (U+0000-U+001F, U+007F-U+009F) and no unpaired "
            + "surrogates, here or in any other string of a request.";

    @Override
    public void customise(OpenAPI openApi) {
        var schemas = openApi.getComponents().getSchemas();
        new SchemaGraph(openApi).requests.forEach(name -> plain(schemas.get(name)));
    }

    private static void plain(Schema<?> schema) {
        if (schema == null || schema.get$ref() != null) {
            return; // referenced schemas are visited by name
        }
        if (isString(schema) && schema.getPattern() == null) {
            schema.setPattern(PlainText.PATTERN);
            schema.setDescription(schema.getDescription() == null ? RULE : schema.getDescription() + " " + RULE);
        }
        SchemaGraph.children(schema).forEach(RequestTextDocs::plain);
    }

    private static boolean isString(Schema<?> schema) {
        return "string".equals(schema.getType()) || schema.getTypes() != null && schema.getTypes().contains("string");
    }
}
