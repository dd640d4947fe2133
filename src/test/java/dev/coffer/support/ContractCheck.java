package dev.coffer.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Holds every exchange of the black-box tests to the OpenAPI document the server itself serves, so the document
 * can never drift from the behaviour: each answer of an API operation must be documented (status, content type,
 * headers, body schema, problem {@code code}). A request the server accepted (2xx) must be valid by the document
 * too; a refused one may be deliberately wrong (that is what many tests send), so only its answer is checked.
 */
final class ContractCheck {

    /** One validator per server (tests share a server per Spring context), built from its own document. */
    private static final Map<String, OpenApiInteractionValidator> VALIDATORS = new ConcurrentHashMap<>();

    /** Messages that only say the request is not an operation of the document (unknown path, wrong method). */
    private static final List<String> NOT_AN_OPERATION = List.of("validation.request.path.missing",
            "validation.request.operation.notAllowed");

    /** The answer's headers worth showing when it does not match (not the security boilerplate). */
    private static final List<String> SHOWN_HEADERS = List.of("content-type", "retry-after", "idempotent-replayed",
            "location", "www-authenticate");

    private ContractCheck() {
    }

    record Exchange(String method, URI uri, Map<String, String> requestHeaders, String requestBody,
            HttpResponse<String> response) {
    }

    /** Throws an AssertionError naming every way the exchange departs from the document. */
    static void verify(String base, Supplier<String> document, Exchange exchange) {
        var path = exchange.uri().getRawPath();
        if (!path.startsWith("/api/")) {
            return; // pages, actuator and the document itself are not operations of the API
        }
        var validator = VALIDATORS.computeIfAbsent(base, b -> OpenApiInteractionValidator
                .createForInlineApiSpecification(document.get()).build());
        var report = validator.validate(request(exchange), response(exchange.response()));
        if (report.getMessages().stream().anyMatch(m -> NOT_AN_OPERATION.contains(m.getKey()))) {
            return;
        }
        boolean accepted = exchange.response().statusCode() / 100 == 2;
        var errors = report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .filter(m -> accepted || !m.getKey().startsWith("validation.request."))
                .filter(m -> !tolerated(m, exchange))
                .map(ContractCheck::describe)
                .toList();
        if (!errors.isEmpty()) {
            throw new AssertionError("The OpenAPI document does not describe this exchange:\n  "
                    + String.join("\n  ", errors) + "\n" + describe(exchange));
        }
    }

    /**
     * What the server rightly tolerates but the document cannot say: a body sent to an operation that takes none is
     * ignored; and no body at all (so no Content-Type) where the body is optional (the validator asks for one).
     */
    private static boolean tolerated(ValidationReport.Message message, Exchange exchange) {
        return message.getKey().equals("validation.request.body.unexpected")
                || message.getKey().equals("validation.request.contentType.notAllowed")
                && exchange.requestBody() == null;
    }

    private static String describe(ValidationReport.Message message) {
        var nested = message.getNestedMessages().stream().map(n -> "\n      " + n.getMessage())
                .collect(Collectors.joining());
        return message.getKey() + ": " + message.getMessage()
                + message.getContext().flatMap(c -> c.getPointers().map(p -> " at " + p.getInstance())).orElse("")
                + nested;
    }

    private static Request request(Exchange exchange) {
        var uri = exchange.uri();
        var builder = new SimpleRequest.Builder(exchange.method(), uri.getRawPath());
        exchange.requestHeaders().forEach(builder::withHeader);
        if (exchange.requestBody() != null) {
            builder.withBody(exchange.requestBody());
        }
        if (uri.getRawQuery() != null) {
            for (var pair : uri.getRawQuery().split("&")) {
                var nameAndValue = pair.split("=", 2);
                builder.withQueryParam(decode(nameAndValue[0]), nameAndValue.length > 1 ? decode(nameAndValue[1]) : "");
            }
        }
        return builder.build();
    }

    private static SimpleResponse response(HttpResponse<String> response) {
        var builder = new SimpleResponse.Builder(response.statusCode());
        response.headers().map().forEach(builder::withHeader);
        if (!response.body().isEmpty()) {
            builder.withBody(response.body());
        }
        return builder.build();
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static String describe(Exchange exchange) {
        var response = exchange.response();
        return exchange.method() + " " + exchange.uri().getRawPath()
                + (exchange.uri().getRawQuery() == null ? "" : "?" + exchange.uri().getRawQuery())
                + (exchange.requestBody() == null ? "" : " " + abbreviate(exchange.requestBody()))
                + "\n→ " + response.statusCode() + " " + response.headers().map().entrySet().stream()
                        .filter(h -> SHOWN_HEADERS.contains(h.getKey().toLowerCase(Locale.ROOT)))
                        .map(h -> h.getKey() + "=" + h.getValue()).collect(Collectors.joining(", "))
                + "\n  " + abbreviate(response.body());
    }

    private static String abbreviate(String text) {
        return text.length() > 600 ? text.substring(0, 600) + "…" : text;
    }
}
