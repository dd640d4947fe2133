package dev.coffer.platform.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.MutableCoercionConfig;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * JSON is read strictly, in one place: a money API must not guess. A value of the wrong JSON type is refused
 * instead of converted ({@code "description": -1} is not the text "-1", {@code "amount": "12"} or {@code 12.0} is
 * not 12, {@code "enabled": 1} is not true, {@code ""} is not null), as are unknown fields, a null for a
 * primitive and a key given twice. Such a request is 400 {@code validation_failed} naming the field (see
 * {@link JsonErrors}); the body was never used.
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonConfig {

    @Bean
    JsonMapperBuilderCustomizer strictJson() {
        return builder -> builder
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT,
                        DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
                        DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .addModule(new SimpleModule("coffer-strings-only").addDeserializer(String.class, new StringsOnly()))
                .withCoercionConfigDefaults(StrictJsonConfig::refuseEmptyAndBlank)
                .withCoercionConfig(LogicalType.Integer, number -> refuse(number, CoercionInputShape.String,
                        CoercionInputShape.Float, CoercionInputShape.Boolean, CoercionInputShape.EmptyString))
                .withCoercionConfig(LogicalType.Float, number -> refuse(number, CoercionInputShape.String,
                        CoercionInputShape.Boolean, CoercionInputShape.EmptyString))
                .withCoercionConfig(LogicalType.Boolean, bool -> refuse(bool, CoercionInputShape.String,
                        CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.EmptyString));
    }

    /**
     * A string field takes a JSON string and nothing else. Jackson's own would turn numbers and booleans into text
     * unless told otherwise, and inside a list of strings it loses track of where a wrong value was; this one is
     * used everywhere, so the problem always names the field ({@code roles[1]}).
     */
    static final class StringsOnly extends StdScalarDeserializer<String> {

        StringsOnly() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                return parser.getString();
            }
            return (String) context.handleUnexpectedToken(String.class, parser);
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }
    }

    private static void refuseEmptyAndBlank(MutableCoercionConfig defaults) {
        refuse(defaults, CoercionInputShape.EmptyString, CoercionInputShape.EmptyArray, CoercionInputShape.EmptyObject);
        defaults.setAcceptBlankAsEmpty(false);
    }

    private static void refuse(MutableCoercionConfig config, CoercionInputShape... shapes) {
        for (var shape : shapes) {
            config.setCoercion(shape, CoercionAction.Fail);
        }
    }
}
