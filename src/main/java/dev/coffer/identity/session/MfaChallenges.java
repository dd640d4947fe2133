package dev.coffer.identity.session;

import dev.coffer.platform.Db;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The state between the two steps of a browser login with a second factor: after the right password, a random
 * challenge (stored hashed, five minutes, one use) stands for "this user passed step one", so the password never
 * has to travel twice and no server memory is needed.
 */
@Repository
class MfaChallenges {

    static final Duration TTL = Duration.ofMinutes(5);

    private final JdbcClient jdbc;

    MfaChallenges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    String create(String userId, Instant now) {
        var token = Tokens.newChallengeToken();
        jdbc.sql("INSERT INTO mfa_challenges (token_hash, user_id, expires_at) VALUES (:hash, :user, :expires)")
                .param("hash", Tokens.sha256(token)).param("user", userId).param("expires", Db.at(now.plus(TTL)))
                .update();
        return token;
    }

    /** The user of a live, unused challenge. */
    Optional<String> userOf(String token, Instant now) {
        if (token == null || !token.startsWith(Tokens.CHALLENGE_PREFIX)) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        SELECT user_id FROM mfa_challenges
                        WHERE token_hash = :hash AND used_at IS NULL AND expires_at > :now
                        """)
                .param("hash", Tokens.sha256(token)).param("now", Db.at(now)).query(String.class).optional();
    }

    void use(String token, Instant now) {
        jdbc.sql("UPDATE mfa_challenges SET used_at = :now WHERE token_hash = :hash")
                .param("now", Db.at(now)).param("hash", Tokens.sha256(token)).update();
    }
}
