package dev.coffer.identity.oauth;

import static dev.coffer.platform.CofferPrincipal.Kind.SESSION;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.coffer.platform.Accepts;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.IdOf;
import dev.coffer.platform.Refuses;
import dev.coffer.platform.openapi.ApiTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.Nullable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Merchants' "Log in with Coffer" apps (OpenID Connect clients): register (secret shown once), list, delete. */
@RestController
@Tag(name = ApiTags.IDENTITY)
@Accepts(SESSION)
class OAuthClientController {

    private final OAuthClientService clients;

    OAuthClientController(OAuthClientService clients) {
        this.clients = clients;
    }

    @Schema(name = "OAuthClientRequest")
    record CreateRequest(
            @NotBlank @Size(max = 100) String name,
            @NotEmpty @Size(max = 10) List<@NotBlank @Size(max = 200) String> redirectUris,
            @NotEmpty @Size(max = 4) List<@NotBlank @Size(max = 50) String> scopes,
            @Schema(description = "A public client (in a browser or on a phone) has no secret and must use PKCE (S256)")
            @JsonProperty("public") @NotNull Boolean isPublic) {
    }

    @Schema(name = "OAuthClient")
    record ClientResponse(String clientId, @Nullable @Schema(description = "Shown once, on creation only")
            String clientSecret, String name, List<String> redirectUris, List<String> scopes,
            @JsonProperty("public") boolean isPublic,
            String createdAt) {
    }

    record ClientList(List<ClientResponse> data, @Nullable String nextCursor) {
    }

    @Operation(operationId = "createOAuthClient", summary = "Register an app that offers \"Log in with Coffer\"")
    @Refuses(status = 422, codes = {"invalid_redirect_uri", "invalid_scope", "too_many_clients"})
    @PostMapping("/api/v1/oauth/clients")
    @ResponseStatus(HttpStatus.CREATED)
    ClientResponse create(@AuthenticationPrincipal CofferPrincipal principal, @Valid @RequestBody CreateRequest body) {
        var created = clients.register(principal, body.name().strip(), body.redirectUris(), body.scopes(),
                body.isPublic());
        return new ClientResponse(created.clientId(), created.clientSecret(), created.name(), created.redirectUris(),
                created.scopes(), created.isPublic(), created.createdAt().toString());
    }

    @Operation(operationId = "listOAuthClients", summary = "The merchant's registered apps")
    @GetMapping("/api/v1/oauth/clients")
    ClientList list(@AuthenticationPrincipal CofferPrincipal principal) {
        return new ClientList(clients.list(principal).stream().map(c -> new ClientResponse(c.clientId(), null,
                c.name(), c.redirectUris(), c.scopes(), c.isPublic(), c.createdAt().toString())).toList(), null);
    }

    @Operation(operationId = "deleteOAuthClient", summary = "Delete an app: its tokens stop working at once")
    @DeleteMapping("/api/v1/oauth/clients/{clientId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable @IdOf("cli") String clientId) {
        clients.delete(principal, clientId);
    }
}
