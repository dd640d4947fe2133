package dev.coffer.platform.web;

import dev.coffer.platform.ApiException;
import dev.coffer.platform.IdOf;
import dev.coffer.platform.Ids;
import dev.coffer.platform.PlainText;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * The rules every JSON request body follows, applied once, right after the body is read and before anything uses
 * it: each string anywhere in it (fields, list items, map keys and values) is {@link PlainText}, else 400
 * {@code validation_failed} naming the field; and each {@link IdOf} field has its kind's id shape, else 404
 * {@code not_found}, as an unknown id would be, without a query.
 */
@ControllerAdvice
class RequestBodyRules extends RequestBodyAdviceAdapter {

    /** A request record's components and their accessors, looked up once per class. */
    private static final ClassValue<List<Component>> COMPONENTS = new ClassValue<>() {
        @Override
        protected List<Component> computeValue(Class<?> type) {
            return Arrays.stream(type.getRecordComponents()).map(c -> {
                c.getAccessor().setAccessible(true);
                return new Component(c.getName(), c.getAccessor(), c.getAnnotation(IdOf.class));
            }).toList();
        }
    };

    private record Component(String name, Method accessor, IdOf id) {
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage input, MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        var findings = new Findings();
        inspect(body, "", findings);
        if (!findings.textErrors.isEmpty()) {
            throw new InvalidFieldsException(findings.textErrors);
        }
        if (!findings.unknownIds.isEmpty()) {
            throw new ApiException(HttpStatus.NOT_FOUND, "not_found",
                    "Nothing has the id given in '" + findings.unknownIds.getFirst() + "'");
        }
        return body;
    }

    private static final class Findings {
        final List<Problems.FieldError> textErrors = new ArrayList<>();
        final List<String> unknownIds = new ArrayList<>();
    }

    private static void inspect(Object value, String field, Findings findings) {
        switch (value) {
            case null -> {
            }
            case String text -> PlainText.problem(text)
                    .ifPresent(problem -> findings.textErrors.add(new Problems.FieldError(field, problem)));
            case Collection<?> items -> {
                int index = 0;
                for (var item : items) {
                    inspect(item, field + "[" + index++ + "]", findings);
                }
            }
            case Map<?, ?> map -> map.forEach((key, item) -> {
                inspect(key, field, findings);
                inspect(item, key instanceof String name && PlainText.problem(name).isEmpty()
                        ? field + "." + name : field, findings);
            });
            case Record record -> inspectRecord(record, field, findings);
            default -> {
            }
        }
    }

    private static void inspectRecord(Record record, String field, Findings findings) {
        for (var component : COMPONENTS.get(record.getClass())) {
            var name = field.isEmpty() ? component.name() : field + "." + component.name();
            var value = read(component, record);
            inspect(value, name, findings);
            if (component.id() != null && value instanceof String id && PlainText.problem(id).isEmpty()
                    && !Ids.looksLikeAny(id, component.id().value())) {
                findings.unknownIds.add(name);
            }
        }
    }

    private static Object read(Component component, Record record) {
        try {
            return component.accessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.name() + " of " + record.getClass(), e);
        }
    }
}
