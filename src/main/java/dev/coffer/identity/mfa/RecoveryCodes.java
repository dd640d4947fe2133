package dev.coffer.identity.mfa;

import dev.coffer.identity.session.Tokens;
import dev.coffer.platform.Db;
import dev.coffer.platform.Ids;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Ten single-use recovery codes per user ({@code xxxx-xxxx-xxxx}, 60 random bits each), stored as SHA-256: they
 * are random enough that a fast hash is safe, unlike passwords.
 */
@Component
public class RecoveryCodes {

    public static final int COUNT = 10;
    private static final int GROUPS = 3;
    private static final int GROUP_CHARS = 4;

    private final JdbcClient jdbc;

    RecoveryCodes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Replaces the user's codes with ten new ones and returns them (the only time they are visible). */
    public List<String> regenerate(String userId) {
        jdbc.sql("DELETE FROM recovery_codes WHERE user_id = :userId").param("userId", userId).update();
        var codes = new ArrayList<String>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            var code = newCode();
            codes.add(code);
            jdbc.sql("INSERT INTO recovery_codes (user_id, code_hash) VALUES (:userId, :hash)")
                    .param("userId", userId).param("hash", Tokens.sha256(normalize(code))).update();
        }
        return codes;
    }

    public void deleteAll(String userId) {
        jdbc.sql("DELETE FROM recovery_codes WHERE user_id = :userId").param("userId", userId).update();
    }

    /** Uses a code once; false when it is unknown or already used. Atomic, so two racing logins can't both win. */
    public boolean use(String userId, String code, Instant now) {
        return jdbc.sql("""
                        UPDATE recovery_codes SET used_at = :now
                        WHERE user_id = :userId AND code_hash = :hash AND used_at IS NULL
                        """)
                .param("now", Db.at(now)).param("userId", userId).param("hash", Tokens.sha256(normalize(code)))
                .update() == 1;
    }

    public int remaining(String userId) {
        return jdbc.sql("SELECT count(*) FROM recovery_codes WHERE user_id = :userId AND used_at IS NULL")
                .param("userId", userId).query(Integer.class).single();
    }

    /** Recovery codes are typed by people: case, dashes and spaces don't matter. */
    static String normalize(String code) {
        return code.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
    }

    public static boolean looksLikeRecoveryCode(String value) {
        return value != null && normalize(value).length() == GROUPS * GROUP_CHARS;
    }

    private static String newCode() {
        var raw = Ids.randomToken(GROUPS * GROUP_CHARS);
        var out = new StringBuilder();
        for (int g = 0; g < GROUPS; g++) {
            if (g > 0) {
                out.append('-');
            }
            out.append(raw, g * GROUP_CHARS, (g + 1) * GROUP_CHARS);
        }
        return out.toString();
    }
}
