package dev.coffer.platform.openapi;

import dev.coffer.platform.Accepts;
import dev.coffer.platform.CofferPrincipal;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Arrays;
import java.util.List;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.web.method.HandlerMethod;

/**
 * Each operation's security requirements, read from the {@link Accepts} that the server enforces, so the document
 * cannot say something else: a session token, a merchant's secret API key, either, or nothing at all.
 */
final class CredentialDocs implements OperationCustomizer {

    static final String SESSION_TOKEN = "sessionToken";
    static final String API_KEY = "apiKey";
    static final String OAUTH = "oauth";

    static SecurityScheme oauthScheme() {
        return new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("An app's access token (a JWT) from \"Log in with Coffer\" (OpenID Connect, discovery at "
                        + "`/.well-known/openid-configuration`): the authorization code flow with PKCE, for the scopes "
                        + "the user consented to, sent as `Authorization: Bearer eyJ…`. Operations that take it need "
                        + "scope `accounts:read`; elsewhere it is refused with 403 `insufficient_scope`.");
    }

    static SecurityScheme sessionTokenScheme() {
        return new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("cfa_…")
                .description("A user's session token (`cfa_…`) from `POST /api/v1/sessions`, sent as "
                        + "`Authorization: Bearer cfa_…`. It expires; `POST /api/v1/sessions/refresh` trades the "
                        + "refresh token (`cfr_…`) for a new pair.");
    }

    static SecurityScheme apiKeyScheme() {
        return new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("sk_…")
                .description("A merchant's secret API key (`sk_…`) from `POST /api/v1/merchant/api-keys`, for the "
                        + "merchant's server only, sent as `Authorization: Bearer sk_…`.");
    }

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        Accepts.Lookup.of(handler).ifPresent(accepts -> operation.setSecurity(requirements(accepts)));
        return operation;
    }

    /** Alternatives: any one of them suffices. An anonymous operation needs none. */
    private static List<SecurityRequirement> requirements(Accepts accepts) {
        if (accepts.anonymous()) {
            return List.of();
        }
        return Arrays.stream(accepts.value()).map(kind -> new SecurityRequirement().addList(schemeOf(kind))).toList();
    }

    private static String schemeOf(CofferPrincipal.Kind kind) {
        return switch (kind) {
            case SESSION -> SESSION_TOKEN;
            case API_KEY -> API_KEY;
            case OAUTH -> OAUTH;
        };
    }
}
