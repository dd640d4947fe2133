package dev.coffer.identity.session;

import dev.coffer.identity.IdentityEvent.LoginSucceeded;
import dev.coffer.identity.IdentityProperties;
import dev.coffer.identity.lockout.LoginThrottle;
import dev.coffer.identity.mfa.SecondFactor;
import dev.coffer.identity.password.PasswordHasher;
import dev.coffer.identity.user.User;
import dev.coffer.identity.user.UserRepository;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.ClientInfo;
import dev.coffer.platform.ratelimit.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Password (and second-factor) login. The order matters: rate limit per IP, then the email's lockout, then one
 * Argon2 check (against a dummy hash when the email is unknown, so both failures cost the same), then the second
 * factor. No transaction is open while hashing: a slow hash never holds a database connection.
 */
@Service
public class LoginService {

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final SecondFactor secondFactor;
    private final RateLimiter rateLimiter;
    private final TokenIssuer issuer;
    private final IdentityProperties properties;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;

    LoginService(UserRepository users, PasswordHasher hasher, LoginThrottle throttle, SecondFactor secondFactor,
            RateLimiter rateLimiter, TokenIssuer issuer, IdentityProperties properties,
            ApplicationEventPublisher events, TransactionTemplate tx, Clock clock) {
        this.users = users;
        this.hasher = hasher;
        this.throttle = throttle;
        this.secondFactor = secondFactor;
        this.rateLimiter = rateLimiter;
        this.issuer = issuer;
        this.properties = properties;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    public IssuedTokens login(String email, String password, String totp, ClientInfo client) {
        rateLimiter.hit("login:" + client.ip(), properties.loginsPerIpPerMinute(), Duration.ofMinutes(1))
                .ifPresent(wait -> {
                    throw ApiException.tooManyAttempts(wait);
                });
        var emailKey = UserRepository.emailKey(email);
        throttle.lockedFor(emailKey).ifPresent(wait -> {
            throw ApiException.tooManyAttempts(wait);
        });
        var user = checkPassword(email, password);
        if (user.isEmpty()) {
            throw fail(emailKey, null, "bad_password", client, invalidCredentials());
        }
        var found = user.get();
        if (found.totpEnabled()) {
            if (totp == null || totp.isBlank()) {
                throw mfaRequired("Enter the code from your authenticator app (or a recovery code)");
            }
            if (!secondFactor.verify(found, totp.strip(), clock.instant())) {
                throw fail(emailKey, found.id(), "bad_second_factor", client,
                        mfaRequired("The code is wrong or was already used"));
            }
        }
        if (hasher.needsRehash(found.passwordHash())) {
            users.updatePasswordHash(found.id(), hasher.hash(password), clock.instant());
        }
        return tx.execute(status -> {
            var now = clock.instant();
            throttle.reset(emailKey);
            var issued = issuer.newSession(found.summary(), client, now);
            events.publishEvent(new LoginSucceeded(found.id(), issued.sessionId(), client.ip()));
            return issued;
        });
    }

    /** The user when the password is right; the same work is done when the email is unknown. */
    private Optional<User> checkPassword(String email, String password) {
        var user = users.findByEmail(email);
        if (user.isEmpty()) {
            hasher.matchAgainstDummy(password);
            return Optional.empty();
        }
        return hasher.matches(password, user.get().passwordHash()) ? user : Optional.empty();
    }

    /**
     * Counts the failure and answers as for any failure, even when it is the one that locks the email: the lock
     * shows from the next attempt on (the fifth wrong password still says "wrong password").
     */
    private ApiException fail(String emailKey, String userId, String reason, ClientInfo client, ApiException answer) {
        throttle.recordFailure(emailKey, userId, reason, client.ip());
        return answer;
    }

    static ApiException invalidCredentials() {
        return new ApiException(HttpStatus.UNAUTHORIZED, "invalid_credentials", "Email or password is wrong");
    }

    private static ApiException mfaRequired(String detail) {
        return new ApiException(HttpStatus.UNAUTHORIZED, "mfa_required", detail);
    }
}
