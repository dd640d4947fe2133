package dev.coffer.payments.apikey;

import static dev.coffer.platform.CofferPrincipal.Kind.SESSION;

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

/** Merchants' API keys: create (secret shown once), list, revoke. */
@RestController
@Tag(name = ApiTags.IDENTITY)
@Accepts(SESSION)
class ApiKeyController {

    private final ApiKeyService keys;

    ApiKeyController(ApiKeyService keys) {
        this.keys = keys;
    }

    @Schema(name = "ApiKeyRequest")
    record CreateRequest(@NotBlank @Size(max = 100)
            String name) {
    }

    record KeyList(List<ApiKeyService.KeyView> data, @Nullable String nextCursor) {
    }

    @Operation(operationId = "createApiKey", summary = "Create a merchant's secret API key (shown once)")
    @Refuses(status = 422, codes = "too_many_api_keys")
    @PostMapping("/api/v1/merchant/api-keys")
    @ResponseStatus(HttpStatus.CREATED)
    ApiKeyService.CreatedKey create(@AuthenticationPrincipal CofferPrincipal principal,
            @Valid @RequestBody CreateRequest body) {
        return keys.create(principal, body.name().strip());
    }

    @Operation(operationId = "listApiKeys", summary = "The merchant's active API keys")
    @GetMapping("/api/v1/merchant/api-keys")
    KeyList list(@AuthenticationPrincipal CofferPrincipal principal) {
        return new KeyList(keys.list(principal), null);
    }

    @Operation(operationId = "revokeApiKey", summary = "Revoke an API key")
    @DeleteMapping("/api/v1/merchant/api-keys/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable @IdOf("key") String id) {
        keys.revoke(principal, id);
    }
}
