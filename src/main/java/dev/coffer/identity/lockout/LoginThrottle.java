package dev.coffer.identity.lockout;

import dev.coffer.identity.IdentityEvent.LoginFailed;
import dev.coffer.identity.IdentityEvent.LoginLocked;
import dev.coffer.identity.IdentityProperties;
import dev.coffer.platform.Db;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Per-email brute-force protection, Keycloak style: {@code max-login-failures} failures within
 * {@code failure-window} lock the email for {@code first-lockout}, doubling with each further lockout (remembered for
 * {@code lockout-memory}) up to {@code max-lockout}. Keyed by email rather than user, so an unknown email locks
 * exactly like a known one and lockouts reveal nothing. Counters live in PostgreSQL, shared by all nodes.
 */
@Component
public class LoginThrottle {

    private final JdbcClient jdbc;
    private final IdentityProperties properties;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;

    LoginThrottle(JdbcClient jdbc, IdentityProperties properties, ApplicationEventPublisher events,
            TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    /** How long this email stays locked, or empty when it may try. */
    public Optional<Duration> lockedFor(String emailKey) {
        var now = clock.instant();
        return jdbc.sql("SELECT locked_until FROM login_failures WHERE email_key = :key")
                .param("key", emailKey)
                .query((rs, row) -> Optional.ofNullable(Db.instant(rs, "locked_until")))
                .optional()
                .flatMap(until -> until)
                .filter(until -> until.isAfter(now))
                .map(until -> Duration.between(now, until));
    }

    /**
     * Counts a failure (and audits it) in its own transaction; returns the lock duration when this failure locked
     * the email.
     */
    public Optional<Duration> recordFailure(String emailKey, String userIdOrNull, String reason, String ip) {
        return tx.execute(status -> {
            var now = clock.instant();
            events.publishEvent(new LoginFailed(userIdOrNull, reason, ip));
            var counts = countFailure(emailKey, now);
            if (counts.failures() < properties.maxLoginFailures()) {
                return Optional.<Duration>empty();
            }
            boolean remembered = counts.lastLockoutAt() != null
                    && counts.lastLockoutAt().isAfter(now.minus(properties.lockoutMemory()));
            int lockouts = remembered ? counts.lockouts() + 1 : 1;
            var lockFor = lockDuration(lockouts);
            jdbc.sql("""
                            UPDATE login_failures
                            SET failures = 0, window_started_at = :now, locked_until = :until,
                                lockouts = :lockouts, last_lockout_at = :now
                            WHERE email_key = :key
                            """)
                    .param("now", Db.at(now)).param("until", Db.at(now.plus(lockFor)))
                    .param("lockouts", lockouts).param("key", emailKey)
                    .update();
            events.publishEvent(new LoginLocked(userIdOrNull, lockFor.toSeconds(), ip));
            return Optional.of(lockFor);
        });
    }

    /** A successful login clears the counters. */
    public void reset(String emailKey) {
        jdbc.sql("DELETE FROM login_failures WHERE email_key = :key").param("key", emailKey).update();
    }

    Duration lockDuration(int lockouts) {
        var duration = properties.firstLockout();
        for (int i = 1; i < lockouts && duration.compareTo(properties.maxLockout()) < 0; i++) {
            duration = duration.multipliedBy(2);
        }
        return duration.compareTo(properties.maxLockout()) > 0 ? properties.maxLockout() : duration;
    }

    private record Counts(int failures, int lockouts, Instant lastLockoutAt) {
    }

    /** One atomic upsert: a failure outside the window starts a new window. The row stays locked until commit. */
    private Counts countFailure(String emailKey, Instant now) {
        return jdbc.sql("""
                        INSERT INTO login_failures (email_key, failures, window_started_at)
                        VALUES (:key, 1, :now)
                        ON CONFLICT (email_key) DO UPDATE SET
                            failures = CASE WHEN login_failures.window_started_at < :windowStart THEN 1
                                            ELSE login_failures.failures + 1 END,
                            window_started_at = CASE WHEN login_failures.window_started_at < :windowStart THEN :now
                                                     ELSE login_failures.window_started_at END
                        RETURNING failures, lockouts, last_lockout_at
                        """)
                .param("key", emailKey).param("now", Db.at(now))
                .param("windowStart", Db.at(now.minus(properties.failureWindow())))
                .query((rs, row) -> new Counts(rs.getInt("failures"), rs.getInt("lockouts"),
                        Db.instant(rs, "last_lockout_at")))
                .single();
    }
}
