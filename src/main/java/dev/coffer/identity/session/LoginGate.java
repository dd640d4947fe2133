package dev.coffer.identity.session;

import dev.coffer.identity.IdentityProperties;
import dev.coffer.identity.lockout.LoginThrottle;
import dev.coffer.identity.user.User;
import dev.coffer.identity.user.UserRepository;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.ClientInfo;
import dev.coffer.platform.Db;
import dev.coffer.platform.ratelimit.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The way into a password check in one round trip instead of three: the per-IP rate limit's hit, the email's
 * lockout reservation (only when the hit is within the limit, exactly as if they ran one after the other) and the
 * user's row, as one statement of CTEs. Same rules, same tables, same order as {@link RateLimiter#hit},
 * {@link LoginThrottle#begin} and {@link UserRepository#findByEmail}: their SQL is theirs, composed here.
 * Used when the throttle key is the email alone (no device token presented); a presented device token needs the
 * user first (the key names the device), so that login takes the three steps.
 */
@Component
class LoginGate {

    private static final Duration IP_WINDOW = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final UserRepository users;
    private final LoginThrottle throttle;
    private final IdentityProperties properties;
    private final Clock clock;

    LoginGate(JdbcClient jdbc, UserRepository users, LoginThrottle throttle, IdentityProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.users = users;
        this.throttle = throttle;
        this.properties = properties;
        this.clock = clock;
    }

    /** A reserved attempt for this email's check, and its user (empty when the email is unknown). */
    record Entry(LoginThrottle.Attempt attempt, Optional<User> user) {
    }

    /** One round trip; 429 {@code too_many_attempts} when the address or the email must wait. */
    Entry enter(String email, ClientInfo client) {
        var now = clock.instant();
        var emailKey = UserRepository.emailKey(email);
        int limit = properties.loginsPerIpPerMinute();
        var sql = "WITH hit AS (" + RateLimiter.HIT + "), reserved AS ("
                + LoginThrottle.reserveStatement(
                        "SELECT CAST(:key AS text), 0, 1, CAST(:now AS timestamptz) FROM hit WHERE hit.hits <= :ipLimit")
                + ") SELECT (SELECT hits FROM hit) AS ip_hits, EXISTS (SELECT 1 FROM reserved) AS reserved, u.*"
                + " FROM (SELECT 1) AS one LEFT JOIN (" + UserRepository.SELECT_BY_EMAIL_KEY + ") AS u ON true";
        var statement = jdbc.sql(sql).param("bucket", "login:" + client.ip())
                .param("start", Db.at(RateLimiter.windowStart(now, IP_WINDOW))).param("ipLimit", limit)
                .param("emailKey", emailKey);
        var row = throttle.bindReservation(statement, emailKey, now)
                .query((rs, n) -> new Row(rs.getInt("ip_hits"), rs.getBoolean("reserved"), users.readUser(rs)))
                .single();
        RateLimiter.verdict(row.ipHits(), limit, now, IP_WINDOW).ifPresent(wait -> {
            throw ApiException.tooManyAttempts(wait);
        });
        return new Entry(throttle.adopt(emailKey, row.reserved()), row.user());
    }

    private record Row(int ipHits, boolean reserved, Optional<User> user) {
    }
}
