package dev.coffer.platform.web;

import dev.coffer.platform.IdOf;
import dev.coffer.platform.Ids;
import dev.coffer.platform.PlainText;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Checks the URL of an API request before anything is bound or looked up: each id in the path has the shape of
 * its {@link IdOf} kind (another shape names nothing: 404 {@code not_found}, as an unknown id), and each query
 * parameter is {@link PlainText} (400 {@code validation_failed} naming it; a blank one would otherwise pass for
 * absent).
 */
final class UrlRules implements HandlerInterceptor {

    private final ProblemWriter problems;

    UrlRules(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        if (!pathIdsHaveTheirShape(method, request)) {
            problems.write(response, 404, "not_found", "Nothing has this id");
            return false;
        }
        var errors = queryTextErrors(request);
        if (!errors.isEmpty()) {
            problems.writeValidation(response, errors);
            return false;
        }
        return true;
    }

    /** The path variable a handler parameter binds, if it binds one. */
    static Optional<String> variableName(MethodParameter parameter) {
        var variable = parameter.getParameterAnnotation(PathVariable.class);
        if (variable == null) {
            return Optional.empty();
        }
        var declared = variable.name().isEmpty() ? variable.value() : variable.name();
        return Optional.ofNullable(declared.isEmpty() ? parameter.getParameterName() : declared);
    }

    private static boolean pathIdsHaveTheirShape(HandlerMethod method, HttpServletRequest request) {
        if (!(request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> vars)) {
            return true;
        }
        for (var parameter : method.getMethodParameters()) {
            var id = parameter.getParameterAnnotation(IdOf.class);
            var name = variableName(parameter);
            if (id != null && name.isPresent()
                    && !(vars.get(name.get()) instanceof String value && Ids.looksLikeAny(value, id.value()))) {
                return false;
            }
        }
        return true;
    }

    private static List<Problems.FieldError> queryTextErrors(HttpServletRequest request) {
        var errors = new ArrayList<Problems.FieldError>();
        request.getParameterMap().forEach((name, values) -> {
            var badName = PlainText.problem(name);
            if (badName.isPresent()) {
                errors.add(new Problems.FieldError("(a query parameter's name)", badName.get()));
                return;
            }
            Arrays.stream(values).map(PlainText::problem).flatMap(Optional::stream).findFirst()
                    .ifPresent(problem -> errors.add(new Problems.FieldError(name, problem)));
        });
        return errors;
    }
}
