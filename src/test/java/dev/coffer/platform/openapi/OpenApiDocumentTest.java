package dev.coffer.platform.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.platform.PlainText;
import dev.coffer.support.IntegrationTest;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.info.BuildProperties;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * The served OpenAPI document as the contract's machine-readable twin (API.md): named and versioned, grouped by area,
 * with each operation's credentials, money-moving operations' required {@code Idempotency-Key}, and problem answers
 * documented. Whether every real answer matches it is checked on every exchange of every black-box test
 * (see {@code ContractCheck}); this test holds what such exchanges cannot show.
 */
class OpenApiDocumentTest extends IntegrationTest {

    /** Written here by hand from API.md, so a handler that stops requiring the key (or starts) fails. */
    private static final Set<String> IDEMPOTENT = Set.of("POST /api/v1/transfers", "POST /api/v1/transfers/batch",
            "POST /api/v1/admin/accounts/{id}/deposits", "POST /api/v1/admin/accounts/{id}/withdrawals",
            "POST /api/v1/checkout/sessions", "POST /api/v1/checkout/sessions/{id}/pay",
            "POST /api/v1/payments/{id}/refunds");

    private static final Set<String> ANONYMOUS = Set.of("POST /api/v1/users", "POST /api/v1/sessions",
            "POST /api/v1/sessions/refresh");

    @Autowired
    private BuildProperties build;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mapping;

    @Test
    void isNamedAndVersionedFromTheBuild() throws Exception {
        var doc = document();
        Files.writeString(Path.of("target/openapi.json"), doc.toString());
        assertThat(doc.path("openapi").asString()).startsWith("3.1");
        assertThat(doc.path("info").path("title").asString()).isEqualTo("Coffer API");
        assertThat(doc.path("info").path("version").asString()).isEqualTo(build.getVersion()).isNotEqualTo("v0");
    }

    @Test
    void everyOperationHasOneDescribedAreaAndItsOwnName() {
        var doc = document();
        var tags = new TreeSet<String>();
        doc.path("tags").forEach(tag -> {
            assertThat(tag.path("description").asString()).isNotBlank();
            tags.add(tag.path("name").asString());
        });
        assertThat(tags).containsExactlyInAnyOrder("Identity", "Accounts", "Transfers", "Checkout", "Payments",
                "Webhooks", "Admin");
        var names = new TreeSet<String>();
        operations(doc).forEach((name, operation) -> {
            assertThat(operation.path("tags")).as(name).hasSize(1);
            assertThat(tags).as(name).contains(operation.path("tags").get(0).asString());
            var id = operation.path("operationId").asString();
            assertThat(id).as(name).matches("[a-z][A-Za-z]+");
            assertThat(names.add(id)).as("operationId %s is unique", id).isTrue();
        });
    }

    @Test
    void credentialsAreBearerSchemesAppliedPerOperation() {
        var doc = document();
        var schemes = doc.path("components").path("securitySchemes");
        assertThat(schemes.path("sessionToken").path("bearerFormat").asString()).isEqualTo("cfa_…");
        assertThat(schemes.path("apiKey").path("bearerFormat").asString()).isEqualTo("sk_…");
        assertThat(schemes.path("oauth").path("bearerFormat").asString()).isEqualTo("JWT");
        schemes.forEach(scheme -> {
            assertThat(scheme.path("type").asString()).isEqualTo("http");
            assertThat(scheme.path("scheme").asString()).isEqualTo("bearer");
            assertThat(scheme.path("description").asString()).isNotBlank();
        });
        assertThat(doc.has("security")).as("no document-wide default to drift from").isFalse();
        operations(doc).forEach((name, operation) -> {
            var security = operation.path("security");
            assertThat(security.isArray()).as(name).isTrue();
            assertThat(security.isEmpty()).as(name).isEqualTo(ANONYMOUS.contains(name));
            // 403: a refused kind of credential, and apps' tokens (insufficient_scope) on every protected operation.
            assertThat(operation.path("responses").has("403")).as(name).isEqualTo(!security.isEmpty());
        });
        var either = new TreeSet<String>();
        operations(doc).get("GET /api/v1/payments/{id}").path("security").forEach(s -> either.add(s.toString()));
        assertThat(either).containsExactly("{\"apiKey\":[]}", "{\"sessionToken\":[]}");
        var sessionOrApp = new TreeSet<String>();
        operations(doc).get("GET /api/v1/accounts").path("security").forEach(s -> sessionOrApp.add(s.toString()));
        assertThat(sessionOrApp).containsExactly("{\"oauth\":[]}", "{\"sessionToken\":[]}");
    }

    @Test
    void moneyMovingOperationsRequireAnIdempotencyKeyAndSayWhenTheyReplay() {
        var requiring = new TreeSet<String>();
        operations(document()).forEach((name, operation) -> operation.path("parameters").forEach(parameter -> {
            if (parameter.path("name").asString().equals("Idempotency-Key")) {
                assertThat(parameter.path("required").asBoolean()).as(name).isTrue();
                requiring.add(name);
                // 201 with what was created; the bulk endpoint's 200 carries one result per transfer.
                var created = operation.path("responses").has("201") ? operation.path("responses").path("201")
                        : operation.path("responses").path("200");
                assertThat(created.path("headers").has("Idempotent-Replayed")).as(name).isTrue();
                assertThat(codes(operation, "409")).as(name).contains("idempotency_key_in_use");
                assertThat(codes(operation, "422")).as(name).contains("idempotency_key_reused");
            }
        }));
        assertThat(requiring).isEqualTo(IDEMPOTENT);
    }

    @Test
    void everyRefusalIsAProblemWithItsCodes() {
        var doc = document();
        operations(doc).forEach((name, operation) -> operation.path("responses").properties().forEach(entry -> {
            var status = Integer.parseInt(entry.getKey());
            var response = resolve(doc, entry.getValue());
            if (status >= 400) {
                var schema = response.path("content").path("application/problem+json").path("schema");
                assertThat(schema.path("allOf").get(0).path("$ref").asString()).as(name + " " + status)
                        .isEqualTo("#/components/schemas/Problem");
                assertThat(schema.path("properties").path("code").path("enum")).as(name + " " + status)
                        .isNotEmpty();
            } else if (status != 204) {
                assertThat(response.path("content").properties()).as(name + " " + status).hasSize(1);
            }
            if (status == 429 || status == 503) {
                assertThat(response.path("headers").has("Retry-After")).as(name + " " + status).isTrue();
            }
        }));
    }

    @Test
    void transfersDocumentTheirRealAnswers() {
        var transfers = operations(document()).get("POST /api/v1/transfers");
        assertThat(transfers.path("responses").propertyNames())
                .containsExactlyInAnyOrder("201", "400", "401", "403", "404", "409", "413", "415", "422", "503");
        assertThat(codes(transfers, "400")).containsExactlyInAnyOrder("validation_failed", "malformed_request",
                "idempotency_key_required", "invalid_idempotency_key");
        assertThat(codes(transfers, "422")).containsExactlyInAnyOrder("insufficient_funds", "currency_mismatch",
                "same_account", "account_frozen", "balance_limit_exceeded", "limit_exceeded", "idempotency_key_reused");
        assertThat(transfers.path("responses").path("201").path("content").path("application/json").path("schema")
                .path("$ref").asString()).isEqualTo("#/components/schemas/TransferView");
    }

    @Test
    void eachListHasItsOwnSchema() {
        var schemas = document().path("components").path("schemas");
        assertThat(schemas.path("TransactionPage").path("properties").path("data").path("items").path("$ref")
                .asString()).isEqualTo("#/components/schemas/HistoryRow");
        assertThat(schemas.path("AuditEventPage").path("properties").path("data").path("items").path("$ref")
                .asString()).isEqualTo("#/components/schemas/AuditEventView");
        assertThat(schemas.has("Page")).isFalse();
        assertThat(schemas.path("TransactionPage").path("properties").path("nextCursor").path("type").toString())
                .isEqualTo("[\"string\",\"null\"]");
    }

    @Test
    void idShapesAndThePlainTextRuleAreDocumentedWhereTheServerAppliesThem() {
        var doc = document();
        operations(doc).forEach((name, operation) -> operation.path("parameters").forEach(parameter -> {
            if (parameter.path("in").asString().equals("path")) {
                assertThat(parameter.path("description").asString()).as(name).contains("404");
                assertThat(parameter.path("example").asString()).as(name).matches("[a-z]+_[a-z2-7]{26}");
            }
        }));
        var schemas = doc.path("components").path("schemas");
        var transfer = schemas.path("TransferRequest").path("properties");
        assertThat(transfer.path("toAccountId").path("description").asString()).contains("`acc_`");
        assertThat(transfer.path("description").path("pattern").asString()).isEqualTo(PlainText.PATTERN);
        assertThat(transfer.path("currency").path("pattern").asString()).isEqualTo("^[A-Z]{3}$");
        assertThat(schemas.path("LineItemRequest").path("properties").path("name").path("pattern").asString())
                .isEqualTo(PlainText.PATTERN);
        assertThat(schemas.path("CheckoutSessionRequest").path("properties").path("metadata")
                .path("additionalProperties").path("pattern").asString()).isEqualTo(PlainText.PATTERN);
    }

    /** springdoc names a schema by its class's simple name and silently merges two classes of one name. */
    @Test
    void noTwoTypesShareASchemaName() {
        var byName = new TreeMap<String, Set<Class<?>>>();
        mapping.getHandlerMethods().forEach((info, method) -> {
            if (info.getPatternValues().stream().noneMatch(p -> p.startsWith("/api/"))) {
                return;
            }
            for (var parameter : method.getMethodParameters()) {
                if (parameter.hasParameterAnnotation(RequestBody.class)) {
                    collect(parameter.getGenericParameterType(), byName);
                }
            }
            collect(method.getReturnType().getGenericParameterType(), byName);
            for (var answer : method.getMethod().getAnnotationsByType(ApiResponse.class)) {
                for (var content : answer.content()) {
                    collect(content.schema().implementation(), byName);
                }
            }
        });
        assertThat(byName).containsKeys("TransferView", "TransactionPage", "AuditEventPage");
        byName.forEach((name, types) -> assertThat(types).as("classes named %s in the document", name).hasSize(1));
    }

    private static void collect(Type type, Map<String, Set<Class<?>>> byName) {
        if (type instanceof ParameterizedType generic) {
            for (var argument : generic.getActualTypeArguments()) {
                collect(argument, byName);
            }
            return;
        }
        if (!(type instanceof Class<?> candidate) || !candidate.getName().startsWith("dev.coffer.")) {
            return;
        }
        var declared = candidate.getAnnotation(Schema.class);
        var name = declared != null && !declared.name().isEmpty() ? declared.name() : candidate.getSimpleName();
        if (byName.computeIfAbsent(name, n -> new HashSet<>()).add(candidate) && candidate.isRecord()) {
            for (var component : candidate.getRecordComponents()) {
                collect(component.getGenericType(), byName);
            }
        }
    }

    private JsonNode document() {
        return api.get("/v3/api-docs").send().json();
    }

    /** "METHOD /path" → operation, for the JSON API. */
    private static Map<String, JsonNode> operations(JsonNode doc) {
        var operations = new TreeMap<String, JsonNode>();
        doc.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation ->
                operations.put(operation.getKey().toUpperCase() + " " + path.getKey(), operation.getValue())));
        return operations;
    }

    private JsonNode resolve(JsonNode doc, JsonNode response) {
        var ref = response.path("$ref").asString("");
        return ref.isEmpty() ? response
                : doc.path("components").path("responses").path(ref.substring(ref.lastIndexOf('/') + 1));
    }

    private java.util.List<String> codes(JsonNode operation, String status) {
        var response = resolve(document(), operation.path("responses").path(status));
        var codes = new ArrayList<String>();
        response.path("content").path("application/problem+json").path("schema").path("properties").path("code")
                .path("enum").forEach(code -> codes.add(code.asString()));
        return codes;
    }
}
