package dev.coffer.identity.lockout;

import dev.coffer.identity.IdentityEvent.LoginFailed;
import dev.coffer.identity.IdentityEvent.LoginLocked;
import dev.coffer.identity.IdentityProperties;
import dev.coffer.platform.ApiException;
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
 *
 * <p>Every password or code check first {@link #reserve reserves} an attempt in one atomic statement, and only
 * while fewer than {@code max-login-failures} attempts are failed or in flight. Checking the lock before hashing
 * and counting the failure after it (Keycloak #31726) let a burst of parallel guesses all be evaluated; with the
 * reservation, at most the limit are, however many arrive at once, and only the failure that reaches the limit
 * locks (once), so the lock grows per lockout, never per rejected request.
 */
@Component
public class LoginThrottle {

    /** The wait told to a caller while the allowed checks are still running (they end in a lock or a reset). */
    static final Duration IN_FLIGHT_WAIT = Duration.ofSeconds(1);

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

    /**
     * Starts one check of a secret (password, code) for this email, or refuses with 429 {@code too_many_attempts}
     * and the wait. Use it in try-with-resources: an attempt that neither {@link Attempt#failed failed} nor
     * {@link Attempt#succeeded succeeded} (a second step follows, or the request broke off) frees its slot on close.
     */
    public Attempt begin(String emailKey) {
        reserve(emailKey).ifPresent(wait -> {
            throw ApiException.tooManyAttempts(wait);
        });
        return new Attempt(emailKey);
    }

    /** One reserved check of a secret; see {@link #begin}. */
    public final class Attempt implements AutoCloseable {

        private final String emailKey;
        private boolean ended;

        private Attempt(String emailKey) {
            this.emailKey = emailKey;
        }

        /** The secret was wrong: counted (and audited); the failure that reaches the limit locks the email. */
        public void failed(String userIdOrNull, String reason, String ip) {
            endOnce();
            recordFailure(emailKey, userIdOrNull, reason, ip);
        }

        /** The login succeeded: the counters are cleared, in the caller's transaction. */
        public void succeeded() {
            endOnce();
            reset(emailKey);
        }

        @Override
        public void close() {
            if (!ended) {
                ended = true;
                release(emailKey);
            }
        }

        private void endOnce() {
            if (ended) {
                throw new IllegalStateException("login attempt ended twice");
            }
            ended = true;
        }
    }

    /** Reserves one check of a secret for this email: empty when the caller may check, else how long to wait. */
    Optional<Duration> reserve(String emailKey) {
        var now = clock.instant();
        boolean reserved = bindReservation(jdbc.sql(reserveStatement("VALUES (:key, 0, 1, :now)")), emailKey, now)
                .query(Integer.class).optional().isPresent();
        // The lock may have been set just now by a transaction that read the clock after us: measure from a fresh
        // reading, or the wait would come out longer than the lock itself.
        return reserved ? Optional.empty() : Optional.of(waitAfterRefusal(emailKey, clock.instant()));
    }

    /**
     * The reservation as one statement whose new row comes from {@code rowSource} (a {@code VALUES} or a
     * {@code SELECT} giving {@code :key, 0, 1, :now}, or no row to reserve nothing); it returns a row when the
     * attempt is reserved. Parameters: {@code :key, :now, :windowStart, :maxAttempts} ({@link #bindReservation}).
     */
    public static String reserveStatement(String rowSource) {
        return """
                INSERT INTO login_failures (email_key, failures, attempts, window_started_at)
                %s
                ON CONFLICT (email_key) DO UPDATE SET
                    attempts = CASE WHEN login_failures.window_started_at < :windowStart THEN 1
                                    ELSE login_failures.attempts + 1 END,
                    failures = CASE WHEN login_failures.window_started_at < :windowStart THEN 0
                                    ELSE login_failures.failures END,
                    window_started_at = CASE WHEN login_failures.window_started_at < :windowStart THEN :now
                                             ELSE login_failures.window_started_at END
                WHERE (login_failures.locked_until IS NULL OR login_failures.locked_until <= :now)
                  AND (login_failures.window_started_at < :windowStart OR login_failures.attempts < :maxAttempts)
                RETURNING attempts
                """.formatted(rowSource);
    }

    /** Binds the reservation's parameters for {@code emailKey} at {@code now}. */
    public JdbcClient.StatementSpec bindReservation(JdbcClient.StatementSpec statement, String emailKey,
            Instant now) {
        return statement.param("key", emailKey).param("now", Db.at(now))
                .param("windowStart", Db.at(now.minus(properties.failureWindow())))
                .param("maxAttempts", properties.maxLoginFailures());
    }

    /**
     * An attempt its caller reserved with {@link #reserveStatement} inside a larger statement (the login's one
     * round trip), or the refusal ({@code reserved} false): 429 {@code too_many_attempts} with the wait.
     */
    public Attempt adopt(String emailKey, boolean reserved) {
        if (!reserved) {
            throw ApiException.tooManyAttempts(waitAfterRefusal(emailKey, clock.instant()));
        }
        return new Attempt(emailKey);
    }

    /** A reserved check passed but the login goes on (or broke off): its slot is free again. */
    void release(String emailKey) {
        jdbc.sql("UPDATE login_failures SET attempts = attempts - 1 WHERE email_key = :key AND attempts > failures")
                .param("key", emailKey).update();
    }

    /**
     * Counts a reserved check that failed (and audits it) in its own transaction; returns the lock duration when
     * this failure locked the email.
     */
    Optional<Duration> recordFailure(String emailKey, String userIdOrNull, String reason, String ip) {
        return tx.execute(status -> {
            var now = clock.instant();
            events.publishEvent(new LoginFailed(userIdOrNull, reason, ip));
            var counts = countFailure(emailKey, now);
            boolean alreadyLocked = counts.lockedUntil() != null && counts.lockedUntil().isAfter(now);
            if (counts.failures() < properties.maxLoginFailures() || alreadyLocked) {
                return Optional.<Duration>empty();
            }
            var lockFor = lock(emailKey, counts, now);
            events.publishEvent(new LoginLocked(userIdOrNull, lockFor.toSeconds(), ip));
            return Optional.of(lockFor);
        });
    }

    /** A successful login clears the counters. */
    void reset(String emailKey) {
        jdbc.sql("DELETE FROM login_failures WHERE email_key = :key").param("key", emailKey).update();
    }

    Duration lockDuration(int lockouts) {
        var duration = properties.firstLockout();
        for (int i = 1; i < lockouts && duration.compareTo(properties.maxLockout()) < 0; i++) {
            duration = duration.multipliedBy(2);
        }
        return duration.compareTo(properties.maxLockout()) > 0 ? properties.maxLockout() : duration;
    }

    private record Counts(int failures, int lockouts, Instant lastLockoutAt, Instant lockedUntil) {
    }

    /**
     * One atomic upsert; the row stays locked until commit, so concurrent failures are judged one after another.
     * The row exists unless a success reset it meanwhile; then this failure starts a new window.
     */
    private Counts countFailure(String emailKey, Instant now) {
        return jdbc.sql("""
                        INSERT INTO login_failures (email_key, failures, attempts, window_started_at)
                        VALUES (:key, 1, 1, :now)
                        ON CONFLICT (email_key) DO UPDATE SET
                            failures = login_failures.failures + 1,
                            attempts = GREATEST(login_failures.attempts, login_failures.failures + 1)
                        RETURNING failures, lockouts, last_lockout_at, locked_until
                        """)
                .param("key", emailKey).param("now", Db.at(now))
                .query((rs, row) -> new Counts(rs.getInt("failures"), rs.getInt("lockouts"),
                        Db.instant(rs, "last_lockout_at"), Db.instant(rs, "locked_until")))
                .single();
    }

    /** Locks the email and starts a new window; each lockout within the memory doubles the next one. */
    private Duration lock(String emailKey, Counts counts, Instant now) {
        boolean remembered = counts.lastLockoutAt() != null
                && counts.lastLockoutAt().isAfter(now.minus(properties.lockoutMemory()));
        int lockouts = remembered ? counts.lockouts() + 1 : 1;
        var lockFor = lockDuration(lockouts);
        int updated = jdbc.sql("""
                        UPDATE login_failures
                        SET failures = 0, attempts = 0, window_started_at = :now, locked_until = :until,
                            lockouts = :lockouts, last_lockout_at = :now
                        WHERE email_key = :key
                        """)
                .param("now", Db.at(now)).param("until", Db.at(now.plus(lockFor)))
                .param("lockouts", lockouts).param("key", emailKey)
                .update();
        if (updated != 1) {
            throw new IllegalStateException("lockout row vanished while locked: " + updated);
        }
        return lockFor;
    }

    /** After a refused reservation: the rest of the lock, or a short wait while the allowed checks finish. */
    private Duration waitAfterRefusal(String emailKey, Instant now) {
        return jdbc.sql("SELECT locked_until FROM login_failures WHERE email_key = :key")
                .param("key", emailKey)
                .query((rs, row) -> Optional.ofNullable(Db.instant(rs, "locked_until")))
                .optional()
                .flatMap(until -> until)
                .filter(until -> until.isAfter(now))
                .map(until -> Duration.between(now, until))
                .orElse(IN_FLIGHT_WAIT);
    }
}
