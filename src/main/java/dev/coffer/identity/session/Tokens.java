package dev.coffer.identity.session;

import dev.coffer.platform.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Opaque bearer tokens: a type prefix and 260 random bits. Only their SHA-256 is stored, so a copy of the database
 * cannot be replayed; the prefix lets secret scanners and our own filter recognise them.
 */
public final class Tokens {

    public static final String ACCESS_PREFIX = "cfa_";
    public static final String REFRESH_PREFIX = "cfr_";
    public static final String WEB_PREFIX = "cfw_";
    public static final String CHALLENGE_PREFIX = "cfm_";
    private static final int RANDOM_CHARS = 52;

    private Tokens() {
    }

    public static String newAccessToken() {
        return ACCESS_PREFIX + Ids.randomToken(RANDOM_CHARS);
    }

    public static String newRefreshToken() {
        return REFRESH_PREFIX + Ids.randomToken(RANDOM_CHARS);
    }

    public static String newWebToken() {
        return WEB_PREFIX + Ids.randomToken(RANDOM_CHARS);
    }

    public static String newChallengeToken() {
        return CHALLENGE_PREFIX + Ids.randomToken(RANDOM_CHARS);
    }

    public static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
