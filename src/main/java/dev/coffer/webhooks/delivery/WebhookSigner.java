package dev.coffer.webhooks.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two signatures every delivery carries, one per valid secret (two during a rotation) in each:
 * <ul>
 * <li>Coffer's, as Stripe does: {@code Coffer-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret,
 * "<t>.<raw body>")>}, the secret's text as the key;</li>
 * <li>Standard Webhooks' (so its libraries verify without custom code): {@code webhook-signature: v1,<Base64
 * HMAC-SHA256(key, "<webhook-id>.<webhook-timestamp>.<raw body>")>}, space-separated, where the key is the
 * Base64-decoded part of the secret after {@code whsec_}.</li>
 * </ul>
 * Receivers accept the event if any signature matches.
 */
public final class WebhookSigner {

    public static final String HEADER = "Coffer-Signature";
    public static final String STANDARD_ID = "webhook-id";
    public static final String STANDARD_TIMESTAMP = "webhook-timestamp";
    public static final String STANDARD_SIGNATURE = "webhook-signature";
    static final String SECRET_PREFIX = "whsec_";

    private WebhookSigner() {
    }

    public static String header(List<String> secrets, long unixSeconds, String body) {
        var out = new StringBuilder("t=").append(unixSeconds);
        for (var secret : secrets) {
            out.append(",v1=").append(HexFormat.of().formatHex(
                    hmac(secret.getBytes(StandardCharsets.UTF_8), unixSeconds + "." + body)));
        }
        return out.toString();
    }

    /** The {@code webhook-signature} value: {@code v1,<Base64>} per secret, space-separated. */
    public static String standardSignature(List<String> secrets, String messageId, long unixSeconds, String body) {
        var out = new StringBuilder();
        for (var secret : secrets) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            var signature = hmac(standardKey(secret), messageId + "." + unixSeconds + "." + body);
            out.append("v1,").append(Base64.getEncoder().encodeToString(signature));
        }
        return out.toString();
    }

    /** Standard Webhooks' key: the Base64 text after {@code whsec_}, decoded (Coffer's secrets are valid Base64). */
    static byte[] standardKey(String secret) {
        if (!secret.startsWith(SECRET_PREFIX)) {
            throw new IllegalStateException("a signing secret without the whsec_ prefix");
        }
        return Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
