package dev.coffer.webhooks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The receiving side of the documented signature scheme, written from its description alone (README.md, "Verifying
 * webhook signatures"; not from the signer): parse {@code t=…,v1=…[,v1=…]} and check HMAC-SHA256(secret, "t.body")
 * against any v1, as a merchant would.
 */
final class Signatures {

    private Signatures() {
    }

    record Parsed(long timestamp, List<String> v1) {
    }

    static Parsed parse(String header) {
        long t = -1;
        var v1 = new ArrayList<String>();
        for (var part : header.split(",")) {
            var kv = part.split("=", 2);
            if (kv[0].equals("t")) {
                t = Long.parseLong(kv[1]);
            } else if (kv[0].equals("v1")) {
                v1.add(kv[1]);
            }
        }
        return new Parsed(t, v1);
    }

    static boolean verifies(String header, String secret, String body) throws Exception {
        var parsed = parse(header);
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        var expected = HexFormat.of().formatHex(mac.doFinal((parsed.timestamp() + "." + body)
                .getBytes(StandardCharsets.UTF_8)));
        return parsed.v1().stream().anyMatch(expected::equals);
    }
}
