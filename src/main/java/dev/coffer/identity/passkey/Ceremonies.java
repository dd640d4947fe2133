package dev.coffer.identity.passkey;

import dev.coffer.platform.Db;
import jakarta.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.stereotype.Repository;

/**
 * The {@code webauthn_ceremonies} table: each challenge handed to a browser, what it is for and for whom, spent
 * once within {@link #TTL}. In PostgreSQL rather than an HTTP session, so any node finishes what another began.
 */
@Repository
class Ceremonies {

    /** As long as the browser is told to wait for the authenticator ({@code timeout} in the options). */
    static final Duration TTL = Duration.ofMinutes(5);
    private static final int PURGE_BATCH = 100;

    enum Purpose {
        register, login, step_up
    }

    private final JdbcClient jdbc;

    Ceremonies(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A fresh random challenge for {@code purpose}; expired ceremonies are swept a few at a time. */
    Bytes open(Purpose purpose, @Nullable String userId, @Nullable String stepUpId, Instant now) {
        jdbc.sql("""
                        DELETE FROM webauthn_ceremonies WHERE challenge IN (
                            SELECT challenge FROM webauthn_ceremonies WHERE expires_at < :now LIMIT :batch)
                        """)
                .param("now", Db.at(now)).param("batch", PURGE_BATCH).update();
        var challenge = Bytes.random();
        jdbc.sql("""
                        INSERT INTO webauthn_ceremonies (challenge, purpose, user_id, step_up_id, expires_at)
                        VALUES (:challenge, :purpose, :user, :stepUp, :expires)
                        """)
                .param("challenge", challenge.getBytes()).param("purpose", purpose.name()).param("user", userId)
                .param("stepUp", stepUpId).param("expires", Db.at(now.plus(TTL)))
                .update();
        return challenge;
    }

    /** A ceremony taken (once) for its answer. */
    record Spent(Bytes challenge, @Nullable String userId, @Nullable String stepUpId) {
    }

    /** Spends the live ceremony of this challenge and purpose; empty when unknown, expired or spent already. */
    Optional<Spent> spend(Bytes challenge, Purpose purpose, Instant now) {
        return jdbc.sql("""
                        UPDATE webauthn_ceremonies SET used_at = :now
                        WHERE challenge = :challenge AND purpose = :purpose AND used_at IS NULL AND expires_at > :now
                        RETURNING user_id, step_up_id
                        """)
                .param("now", Db.at(now)).param("challenge", challenge.getBytes()).param("purpose", purpose.name())
                .query((rs, n) -> new Spent(challenge, rs.getString("user_id"), rs.getString("step_up_id")))
                .optional();
    }
}
