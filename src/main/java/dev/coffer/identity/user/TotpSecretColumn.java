package dev.coffer.identity.user;

import dev.coffer.platform.crypto.SealedColumn;
import dev.coffer.platform.crypto.SecretBox;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@code users.totp_secret}: TOTP seeds, sealed to their user (see {@link UserRepository#totpBinding}). */
@Component
class TotpSecretColumn implements SealedColumn {

    private final JdbcClient jdbc;

    TotpSecretColumn(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "users.totp_secret";
    }

    @Override
    public int reseal(SecretBox box) {
        int rewritten = 0;
        for (var row : rows("totp_secret IS NOT NULL")) {
            var binding = UserRepository.totpBinding(row.id());
            var clear = SecretBox.isSealed(row.value()) ? box.open(row.value(), binding) : row.value();
            rewritten += replace(row, box.seal(clear, binding));
        }
        return rewritten;
    }

    @Override
    public int sealClearValues(SecretBox box) {
        int sealed = 0;
        for (var row : rows("totp_secret IS NOT NULL AND totp_secret NOT LIKE 'sealed:%'")) {
            sealed += replace(row, box.seal(row.value(), UserRepository.totpBinding(row.id())));
        }
        return sealed;
    }

    private record Row(String id, String value) {
    }

    private List<Row> rows(String condition) {
        return jdbc.sql("SELECT id, totp_secret FROM users WHERE " + condition)
                .query((rs, n) -> new Row(rs.getString("id"), rs.getString("totp_secret"))).list();
    }

    /** Only if the row still holds what was read: a user who changed their seed meanwhile keeps the new one. */
    private int replace(Row row, String sealed) {
        return jdbc.sql("UPDATE users SET totp_secret = :sealed WHERE id = :id AND totp_secret = :old")
                .param("sealed", sealed).param("id", row.id()).param("old", row.value()).update();
    }
}
