package dev.coffer.identity.oauth;

import dev.coffer.platform.Db;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** When a session's user logged in: the ID token's {@code auth_time}. */
@Component
class LoginTimes {

    private final JdbcClient jdbc;

    LoginTimes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Instant> of(String sessionId) {
        return jdbc.sql("SELECT created_at FROM sessions WHERE id = :id").param("id", sessionId)
                .query((rs, n) -> Db.instant(rs, "created_at")).optional();
    }
}
