package dev.coffer.identity.mfa;

import dev.coffer.identity.StepUp;
import dev.coffer.identity.passkey.Passkeys;
import dev.coffer.identity.user.User;
import dev.coffer.identity.user.UserRepository;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.Db;
import dev.coffer.platform.Ids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code step_up_challenges} table. Guessing is bounded twice: a challenge dies after {@link #MAX_ATTEMPTS}
 * wrong codes, and a user who gave {@link #MAX_FAILURES_PER_WINDOW} wrong codes in {@link #FAILURE_WINDOW} (over
 * all their challenges) is told to wait, so opening new challenges does not buy new guesses.
 */
@Component
class StepUpChallenges implements StepUp {

    static final int MAX_ATTEMPTS = 5;
    static final int MAX_FAILURES_PER_WINDOW = 10;
    static final Duration FAILURE_WINDOW = Duration.ofMinutes(15);

    private final JdbcClient jdbc;
    private final UserRepository users;
    private final SecondFactor secondFactor;
    private final Clock clock;
    private final Passkeys passkeys;

    StepUpChallenges(JdbcClient jdbc, UserRepository users, SecondFactor secondFactor, Clock clock,
            Passkeys passkeys) {
        this.passkeys = passkeys;
        this.jdbc = jdbc;
        this.users = users;
        this.secondFactor = secondFactor;
        this.clock = clock;
    }

    private record Row(Instant expiresAt, int attempts, boolean verified, boolean used) {
    }

    @Override
    public boolean canStepUp(String userId) {
        return users.findById(userId).map(u -> u.totpEnabled()).orElse(false) || passkeys.has(userId);
    }

    @Override
    public boolean hasPasskey(String userId) {
        return passkeys.has(userId);
    }

    /** In a transaction of its own: the refusal that hands out the challenge rolls its caller's transaction back. */
    @Override
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public String open(String userId, String binding) {
        var now = clock.instant();
        var id = Ids.newId("chl");
        jdbc.sql("""
                        INSERT INTO step_up_challenges (id, user_id, binding, created_at, expires_at)
                        VALUES (:id, :user, :binding, :now, :expires)
                        """)
                .param("id", id).param("user", userId).param("binding", binding).param("now", Db.at(now))
                .param("expires", Db.at(now.plus(Duration.ofMinutes(LIFETIME_MINUTES))))
                .update();
        return id;
    }

    @Override
    public Redemption redeem(String userId, String challengeId, String binding, String requestKey) {
        var now = clock.instant();
        int spent = jdbc.sql("""
                        UPDATE step_up_challenges SET used_at = :now, used_by = :request
                        WHERE id = :id AND user_id = :user AND binding = :binding AND verified_at IS NOT NULL
                          AND used_at IS NULL AND expires_at > :now
                        """)
                .param("now", Db.at(now)).param("request", requestKey).param("id", challengeId)
                .param("user", userId).param("binding", binding)
                .update();
        if (spent == 1) {
            return Redemption.ACCEPTED;
        }
        return jdbc.sql("""
                        SELECT binding, verified_at IS NOT NULL AS verified, used_at IS NOT NULL AS used, used_by,
                               expires_at > :now AS live
                        FROM step_up_challenges WHERE id = :id AND user_id = :user
                        """)
                .param("now", Db.at(now)).param("id", challengeId).param("user", userId)
                .query((rs, row) -> {
                    if (!rs.getString("binding").equals(binding)) {
                        return Redemption.MISMATCH;
                    }
                    if (rs.getBoolean("used")) {
                        return requestKey.equals(rs.getString("used_by")) ? Redemption.ACCEPTED : Redemption.SPENT;
                    }
                    if (!rs.getBoolean("live")) {
                        return Redemption.SPENT;
                    }
                    return rs.getBoolean("verified") ? Redemption.SPENT : Redemption.NOT_VERIFIED;
                })
                .optional().orElse(Redemption.SPENT);
    }

    /**
     * Verifies a challenge of {@code userId} with a TOTP code (each time step once per user, shared with login) or a
     * recovery code. The challenge row is locked, so two verifications of one challenge take turns.
     */
    @Override
    @Transactional(noRollbackFor = ApiException.class)
    public Instant verify(String userId, String challengeId, String code) {
        return verify(userId, challengeId, (user, now) -> secondFactor.verify(user, code, now));
    }

    @Override
    @Transactional(noRollbackFor = ApiException.class)
    public Instant verifyWithPasskey(String userId, String challengeId, String credentialJson) {
        return verify(userId, challengeId, (user, now) -> passkeys.verifyStepUp(userId, challengeId, credentialJson));
    }

    @Override
    @Transactional
    public String passkeyOptions(String userId, String challengeId) {
        var row = openRow(userId, challengeId, clock.instant());
        if (row.verified()) {
            throw new ApiException(HttpStatus.CONFLICT, "challenge_not_open", "This challenge is verified already");
        }
        return passkeys.stepUpOptions(userId, challengeId);
    }

    /** A proof of the second factor for {@code user} at {@code now}: a code, or a passkey's signature. */
    private interface Proof {
        boolean holds(User user, Instant now);
    }

    private Instant verify(String userId, String challengeId, Proof proof) {
        var now = clock.instant();
        var row = openRow(userId, challengeId, now);
        if (row.verified()) {
            return row.expiresAt();
        }
        if (recentFailures(userId, now) >= MAX_FAILURES_PER_WINDOW) {
            throw ApiException.tooManyAttempts(FAILURE_WINDOW);
        }
        var user = users.findById(userId).orElseThrow(() -> ApiException.notFound("Challenge"));
        if (!proof.holds(user, now)) {
            jdbc.sql("UPDATE step_up_challenges SET attempts = attempts + 1 WHERE id = :id").param("id", challengeId)
                    .update();
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid_code",
                    "The code or passkey does not match (or was used already); try again");
        }
        jdbc.sql("UPDATE step_up_challenges SET verified_at = :now WHERE id = :id").param("now", Db.at(now))
                .param("id", challengeId).update();
        return row.expiresAt();
    }

    /** The user's challenge, locked, while it can still be verified or spent; refused otherwise. */
    private Row openRow(String userId, String challengeId, Instant now) {
        var row = jdbc.sql("""
                        SELECT expires_at, attempts, verified_at IS NOT NULL AS verified, used_at IS NOT NULL AS used
                        FROM step_up_challenges WHERE id = :id AND user_id = :user FOR UPDATE
                        """)
                .param("id", challengeId).param("user", userId)
                .query((rs, n) -> new Row(Db.instant(rs, "expires_at"), rs.getInt("attempts"),
                        rs.getBoolean("verified"), rs.getBoolean("used")))
                .optional().orElseThrow(() -> ApiException.notFound("Challenge"));
        if (row.used() || !row.expiresAt().isAfter(now) || row.attempts() >= MAX_ATTEMPTS) {
            throw new ApiException(HttpStatus.CONFLICT, "challenge_not_open",
                    "This challenge was used, expired, or had too many wrong codes; start the payment again");
        }
        return row;
    }

    private long recentFailures(String userId, Instant now) {
        return jdbc.sql("""
                        SELECT COALESCE(sum(attempts), 0) FROM step_up_challenges
                        WHERE user_id = :user AND created_at > :since
                        """)
                .param("user", userId).param("since", Db.at(now.minus(FAILURE_WINDOW)))
                .query(Long.class).single();
    }
}
