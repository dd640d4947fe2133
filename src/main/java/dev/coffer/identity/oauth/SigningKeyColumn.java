package dev.coffer.identity.oauth;

import dev.coffer.platform.crypto.SealedColumn;
import dev.coffer.platform.crypto.SecretBox;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@code oauth_signing_keys.private_jwk}: the provider's private keys, sealed to their kid; re-sealed by rotate-keys. */
@Component
class SigningKeyColumn implements SealedColumn {

    private final JdbcClient jdbc;

    SigningKeyColumn(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "oauth_signing_keys.private_jwk";
    }

    @Override
    public int reseal(SecretBox box) {
        int rewritten = 0;
        for (var row : rows()) {
            var binding = SigningKeys.binding(row.kid());
            rewritten += jdbc.sql("UPDATE oauth_signing_keys SET private_jwk = :sealed WHERE kid = :kid "
                    + "AND private_jwk = :old").param("sealed", box.seal(box.open(row.sealed(), binding), binding))
                    .param("kid", row.kid()).param("old", row.sealed()).update();
        }
        return rewritten;
    }

    /** Never written in clear (a check constraint says so). */
    @Override
    public int sealClearValues(SecretBox box) {
        return 0;
    }

    private record Row(String kid, String sealed) {
    }

    private List<Row> rows() {
        return jdbc.sql("SELECT kid, private_jwk FROM oauth_signing_keys")
                .query((rs, n) -> new Row(rs.getString("kid"), rs.getString("private_jwk"))).list();
    }
}
