package dev.coffer.platform.idempotency;

import dev.coffer.platform.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;
import org.springframework.http.HttpStatus;

/**
 * One idempotent request: who asks ({@code scope}: keys are per caller), the client's key, and a fingerprint of
 * what was asked (method, path, body), so the same key with a different request can be told apart.
 */
public record IdempotencyKey(String scope, String key, byte[] fingerprint) {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    public static final int MAX_KEY_CHARS = 255;

    public IdempotencyKey {
        Objects.requireNonNull(scope);
        Objects.requireNonNull(key);
        Objects.requireNonNull(fingerprint);
    }

    /** Validates the header and fingerprints the request; a missing or bad header is a 400. */
    public static IdempotencyKey of(String scope, String headerValue, String method, String path, String canonicalBody) {
        if (headerValue == null || headerValue.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "idempotency_key_required",
                    "This request moves money: send an Idempotency-Key header (1 to 255 characters)");
        }
        if (headerValue.length() > MAX_KEY_CHARS || headerValue.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_idempotency_key",
                    "Idempotency-Key must be 1 to 255 printable ASCII characters");
        }
        return new IdempotencyKey(scope, headerValue, sha256(method + "\n" + path + "\n" + canonicalBody));
    }

    public boolean sameRequestAs(byte[] otherFingerprint) {
        return MessageDigest.isEqual(fingerprint, otherFingerprint);
    }

    /** For in-memory de-duplication (records compare arrays by identity). */
    public String identity() {
        return scope + "\u0000" + key;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IdempotencyKey k && k.scope.equals(scope) && k.key.equals(key)
                && Arrays.equals(k.fingerprint, fingerprint);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scope, key, Arrays.hashCode(fingerprint));
    }

    @Override
    public String toString() {
        return "IdempotencyKey[" + scope + ", " + key + "]";
    }
}
