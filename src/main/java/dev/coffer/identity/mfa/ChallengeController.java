package dev.coffer.identity.mfa;

import static dev.coffer.platform.CofferPrincipal.Kind.SESSION;

import dev.coffer.identity.StepUp;
import dev.coffer.platform.Accepts;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.IdOf;
import dev.coffer.platform.Refuses;
import dev.coffer.platform.openapi.ApiTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/challenges/{id}/verify}: the second factor that authorizes one bound payment, a TOTP or
 * recovery code or a passkey; and the passkey's options for it.
 */
@RestController
@Tag(name = ApiTags.IDENTITY)
@Accepts(SESSION)
class ChallengeController {

    private static final int MAX_FIELD_CHARS = 16 * 1024;

    private final StepUp challenges;
    private final JsonMapper json;

    ChallengeController(StepUp challenges, JsonMapper json) {
        this.challenges = challenges;
        this.json = json;
    }

    /** Exactly one of {@code totp} (a current TOTP code, or a recovery code) and {@code passkey}. */
    record VerifyRequest(
            @Schema(description = "A current TOTP code (6 digits) or one of the recovery codes")
            @Size(min = 1, max = 64) String totp,
            @Schema(description = "A passkey's answer to the options of POST /api/v1/challenges/{id}/passkey-options: "
                    + "the PublicKeyCredential from navigator.credentials.get, bytes as base64url")
            @Valid PasskeyAssertion passkey) {
    }

    /** WebAuthn's {@code PublicKeyCredential} (an assertion) in its JSON form. */
    record PasskeyAssertion(@NotBlank @Size(max = 1024) String id, @NotBlank @Size(max = 1024) String rawId,
            @NotBlank @Size(max = 32) String type, @NotNull @Valid AssertionResponse response,
            Map<String, Object> clientExtensionResults, @Size(max = 32) String authenticatorAttachment) {
    }

    record AssertionResponse(@NotBlank @Size(max = MAX_FIELD_CHARS) String authenticatorData,
            @NotBlank @Size(max = MAX_FIELD_CHARS) String clientDataJSON,
            @NotBlank @Size(max = MAX_FIELD_CHARS) String signature,
            @Size(max = 1024) String userHandle) {
    }

    record ChallengeView(String id, String status, Instant expiresAt) {
    }

    record PasskeyOptionsView(
            @Schema(description = "PublicKeyCredentialRequestOptions for navigator.credentials.get (bytes as "
                    + "base64url): challenge, rpId, allowCredentials (the caller's passkeys), userVerification "
                    + "required, timeout in milliseconds")
            Map<String, Object> publicKey) {
    }

    @Operation(operationId = "verifyChallenge",
            summary = "Verify a step-up challenge with a second factor (a TOTP or recovery code, or a passkey); then "
                    + "repeat the payment with Coffer-Challenge")
    @Refuses(status = 400, codes = "invalid_passkey")
    @Refuses(status = 404, codes = "not_found")
    @Refuses(status = 409, codes = "challenge_not_open")
    @Refuses(status = 422, codes = "invalid_code")
    @Refuses(status = 429, codes = "too_many_attempts")
    @PostMapping("/api/v1/challenges/{id}/verify")
    ChallengeView verify(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable @IdOf("chl") String id,
            @Valid @RequestBody VerifyRequest body) {
        if ((body.totp() == null) == (body.passkey() == null)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed",
                    "Send exactly one of totp and passkey");
        }
        var expiresAt = body.totp() != null ? challenges.verify(principal.userId(), id, body.totp().strip())
                : challenges.verifyWithPasskey(principal.userId(), id, json.writeValueAsString(body.passkey()));
        return new ChallengeView(id, "verified", expiresAt);
    }

    @Operation(operationId = "challengePasskeyOptions",
            summary = "Options to verify a step-up challenge with one of the caller's passkeys "
                    + "(give publicKey to navigator.credentials.get, send its answer as passkey to verify)")
    @Refuses(status = 404, codes = "not_found")
    @Refuses(status = 409, codes = "challenge_not_open")
    @PostMapping("/api/v1/challenges/{id}/passkey-options")
    PasskeyOptionsView passkeyOptions(@AuthenticationPrincipal CofferPrincipal principal,
            @PathVariable @IdOf("chl") String id) {
        var options = json.readValue(challenges.passkeyOptions(principal.userId(), id),
                new TypeReference<Map<String, Object>>() {
                });
        return new PasskeyOptionsView(options);
    }
}
