package dev.coffer.webhooks.endpoint;

import dev.coffer.platform.crypto.SealedColumn;
import dev.coffer.platform.crypto.SecretBox;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code webhook_endpoints.secret} and {@code previous_secret}: the signing secrets, both sealed to their endpoint
 * (see {@link EndpointRepository#secretBinding}), so a rotation can copy one column into the other as it is.
 */
@Component
class SigningSecretColumns implements SealedColumn {

    private final JdbcClient jdbc;

    SigningSecretColumns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "webhook_endpoints.secret, previous_secret";
    }

    @Override
    public int reseal(SecretBox box) {
        int rewritten = 0;
        for (var column : List.of("secret", "previous_secret")) {
            for (var row : rows(column, column + " IS NOT NULL")) {
                var binding = EndpointRepository.secretBinding(row.id());
                var clear = SecretBox.isSealed(row.value()) ? box.open(row.value(), binding) : row.value();
                rewritten += replace(column, row, box.seal(clear, binding));
            }
        }
        return rewritten;
    }

    @Override
    public int sealClearValues(SecretBox box) {
        int sealed = 0;
        for (var column : List.of("secret", "previous_secret")) {
            for (var row : rows(column, column + " IS NOT NULL AND " + column + " NOT LIKE 'sealed:%'")) {
                sealed += replace(column, row, box.seal(row.value(), EndpointRepository.secretBinding(row.id())));
            }
        }
        return sealed;
    }

    private record Row(String id, String value) {
    }

    /** {@code column} is one of the two names above, never input. */
    private List<Row> rows(String column, String condition) {
        return jdbc.sql("SELECT id, " + column + " AS value FROM webhook_endpoints WHERE " + condition)
                .query((rs, n) -> new Row(rs.getString("id"), rs.getString("value"))).list();
    }

    private int replace(String column, Row row, String sealed) {
        return jdbc.sql("UPDATE webhook_endpoints SET " + column + " = :sealed WHERE id = :id AND " + column + " = :old")
                .param("sealed", sealed).param("id", row.id()).param("old", row.value()).update();
    }
}
