package dev.coffer.webhooks.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code Coffer-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>}, with one {@code v1}
 * per valid secret (two during a rotation), as Stripe does: receivers accept the event if any {@code v1} matches.
 */
public final class WebhookSigner {

    public static final String HEADER = "Coffer-Signature";

    private WebhookSigner() {
    }

    public static String header(List<String> secrets, long unixSeconds, String body) {
        var out = new StringBuilder("t=").append(unixSeconds);
        for (var secret : secrets) {
            out.append(",v1=").append(sign(secret, unixSeconds, body));
        }
        return out.toString();
    }

    static String sign(String secret, long unixSeconds, String body) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((unixSeconds + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
