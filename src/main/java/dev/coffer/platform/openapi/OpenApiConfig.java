package dev.coffer.platform.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * The OpenAPI document ({@code /v3/api-docs}) as the contract: title and version from the build, the two bearer
 * credentials, tags by area, the Problem schema, and customizers that document each operation's security, refusals
 * and idempotency from what the server enforces.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    static {
        // Free-form JSON (an event's payload, an audit entry's data) is any JSON object, not Jackson's node API.
        SpringDocUtils.getConfig().replaceWithSchema(tools.jackson.databind.JsonNode.class, Schemas.object());
    }

    @Bean
    OpenAPI cofferOpenApi(ObjectProvider<BuildProperties> build) {
        var components = new Components()
                .addSecuritySchemes(CredentialDocs.SESSION_TOKEN, CredentialDocs.sessionTokenScheme())
                .addSecuritySchemes(CredentialDocs.API_KEY, CredentialDocs.apiKeyScheme())
                .addSecuritySchemes(CredentialDocs.OAUTH, CredentialDocs.oauthScheme());
        ProblemResponses.register(components);
        var openApi = new OpenAPI()
                .info(new Info()
                        .title("Coffer API")
                        .version(build.getIfAvailable() == null ? "development" : build.getIfAvailable().getVersion())
                        .description("""
                                A digital wallet with merchant checkout. JSON in and out; money is integer minor \
                                units of an ISO 4217 currency (1250 EUR = 12.50 EUR), at most 10^15. Errors are \
                                RFC 9457 `application/problem+json` with a stable `code`; each operation lists \
                                its codes. Operations that move money require an `Idempotency-Key`."""))
                .components(components);
        ApiTags.DESCRIPTIONS.forEach((name, description) -> openApi.addTagsItem(
                new Tag().name(name).description(description)));
        return openApi;
    }

    @Bean
    GlobalOpenApiCustomizer responseSchemaDocs() {
        return new ResponseSchemaDocs();
    }

    @Bean
    NullableRefDocs nullableRefDocs() {
        return new NullableRefDocs();
    }

    @Bean
    GlobalOpenApiCustomizer requestTextDocs() {
        return new RequestTextDocs();
    }

    @Bean
    IdDocs idDocs() {
        return new IdDocs();
    }

    @Bean
    @Order(1)
    OperationCustomizer credentialDocs() {
        return new CredentialDocs();
    }

    @Bean
    @Order(2)
    OperationCustomizer problemDocs() {
        return new ProblemDocs();
    }

    @Bean
    @Order(3)
    OperationCustomizer idempotencyDocs() {
        return new IdempotencyDocs();
    }
}
