package dev.coffer.identity.passkey;

import dev.coffer.platform.ApiException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.webauthn.api.AuthenticatorAssertionResponse;
import org.springframework.security.web.webauthn.api.AuthenticatorAttestationResponse;
import org.springframework.security.web.webauthn.api.AuthenticatorResponse;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.PublicKeyCredential;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * WebAuthn's JSON, read and written with Spring Security's Jackson module: the options a page hands to
 * {@code navigator.credentials}, and the credential the browser gives back (bytes as base64url). Anything that
 * does not parse is a 400 {@code invalid_passkey}, never a 500.
 */
public final class PasskeyJson {

    static final int MAX_CHARS = 64 * 1024;

    private final JsonMapper mapper;

    PasskeyJson(JsonMapper mapper) {
        this.mapper = mapper;
    }

    String write(Object options) {
        return mapper.writeValueAsString(options);
    }

    PublicKeyCredential<AuthenticatorAssertionResponse> assertion(String json) {
        return read(json, new TypeReference<PublicKeyCredential<AuthenticatorAssertionResponse>>() {
        });
    }

    PublicKeyCredential<AuthenticatorAttestationResponse> attestation(String json) {
        return read(json, new TypeReference<PublicKeyCredential<AuthenticatorAttestationResponse>>() {
        });
    }

    /** The challenge the browser signed, from the response's clientDataJSON (it finds the ceremony). */
    Bytes challengeOf(PublicKeyCredential<? extends AuthenticatorResponse> credential) {
        try {
            var clientData = mapper.readTree(new String(credential.getResponse().getClientDataJSON().getBytes(),
                    StandardCharsets.UTF_8));
            var challenge = clientData.path("challenge").asString("");
            if (challenge.isEmpty()) {
                throw invalid();
            }
            return Bytes.fromBase64(challenge);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw invalid();
        }
    }

    private <T> T read(String json, TypeReference<T> type) {
        if (json == null || json.isBlank() || json.length() > MAX_CHARS) {
            throw invalid();
        }
        try {
            var value = mapper.readValue(json, type);
            if (value == null) {
                throw invalid();
            }
            return value;
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw invalid();
        }
    }

    static ApiException invalid() {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid_passkey",
                "That is not a passkey answer this page can read; try again");
    }
}
