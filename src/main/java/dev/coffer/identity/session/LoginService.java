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
 * Password (and second-factor) login, for the API in one step and for browsers in two. The order matters: rate
 * limit per IP, then the email's lockout, then one Argon2 check (against a dummy hash when the email is unknown, so
 * both failures cost the same), then the second factor. No transaction is open while hashing: a slow hash never
 * holds a database connection.
 */
@Service
public class LoginService {

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final SecondFactor secondFactor;
    private final MfaChallenges challenges;
    private final RateLimiter rateLimiter;
    private final TokenIssuer issuer;
    private final IdentityProperties properties;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;

    LoginService(UserRepository users, PasswordHasher hasher, LoginThrottle throttle, SecondFactor secondFactor,
            MfaChallenges challenges, RateLimiter rateLimiter, TokenIssuer issuer, IdentityProperties properties,
            ApplicationEventPublisher events, TransactionTemplate tx, Clock clock) {
        this.users = users;
        this.hasher = hasher;
        this.throttle = throttle;
        this.secondFactor = secondFactor;
        this.challenges = challenges;
        this.rateLimiter = rateLimiter;
        this.issuer = issuer;
        this.properties = properties;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    /** The API's one-step login: {@code totp} is required (TOTP or recovery code) when two-factor login is on. */
    public IssuedTokens login(String email, String password, String totp, ClientInfo client) {
        var user = firstFactor(email, password, client);
        if (user.totpEnabled()) {
            if (totp == null || totp.isBlank()) {
                throw mfaRequired("Enter the code from your authenticator app (or a recovery code)");
            }
            checkSecondFactor(user, totp, client);
        }
        rehashIfNeeded(user, password);
        return startSession(user, client, false);
    }

    /** What the first step of a browser login leads to. */
    public sealed interface BrowserLogin {
        record Done(IssuedTokens session) implements BrowserLogin {
        }

        /** The password was right; now a code is needed. The challenge stands for step one for five minutes. */
        record NeedsCode(String challenge) implements BrowserLogin {
        }
    }

    public BrowserLogin beginBrowserLogin(String email, String password, ClientInfo client) {
        var user = firstFactor(email, password, client);
        rehashIfNeeded(user, password);
        if (user.totpEnabled()) {
            return new BrowserLogin.NeedsCode(tx.execute(status -> challenges.create(user.id(), clock.instant())));
        }
        return new BrowserLogin.Done(startSession(user, client, true));
    }

    public IssuedTokens completeBrowserLogin(String challenge, String code, ClientInfo client) {
        limitPerIp(client);
        var user = challenges.userOf(challenge, clock.instant()).flatMap(users::findById)
                .orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "login_expired",
                        "This login took too long; start again with your password"));
        throttle.lockedFor(UserRepository.emailKey(user.email())).ifPresent(wait -> {
            throw ApiException.tooManyAttempts(wait);
        });
        checkSecondFactor(user, code, client);
        challenges.use(challenge, clock.instant());
        return startSession(user, client, true);
    }

    /** IP limit, lockout, password: the user, or a refusal that looks the same for unknown emails. */
    private User firstFactor(String email, String password, ClientInfo client) {
        limitPerIp(client);
        var emailKey = UserRepository.emailKey(email);
        throttle.lockedFor(emailKey).ifPresent(wait -> {
            throw ApiException.tooManyAttempts(wait);
        });
        var user = users.findByEmail(email);
        if (!passwordMatches(user, password)) {
            throw fail(emailKey, user.map(User::id).orElse(null), "bad_password", client, invalidCredentials());
        }
        return user.get();
    }

    private void checkSecondFactor(User user, String code, ClientInfo client) {
        if (code == null || !secondFactor.verify(user, code.strip(), clock.instant())) {
            throw fail(UserRepository.emailKey(user.email()), user.id(), "bad_second_factor", client,
                    mfaRequired("The code is wrong or was already used"));
        }
    }

    private IssuedTokens startSession(User user, ClientInfo client, boolean browser) {
        return tx.execute(status -> {
            var now = clock.instant();
            throttle.reset(UserRepository.emailKey(user.email()));
            var issued = browser ? issuer.newWebSession(user.summary(), client, now)
                    : issuer.newSession(user.summary(), client, now);
            events.publishEvent(new LoginSucceeded(user.id(), issued.sessionId(), client.ip()));
            return issued;
        });
    }

    private void limitPerIp(ClientInfo client) {
        rateLimiter.hit("login:" + client.ip(), properties.loginsPerIpPerMinute(), Duration.ofMinutes(1))
                .ifPresent(wait -> {
                    throw ApiException.tooManyAttempts(wait);
                });
    }

    private void rehashIfNeeded(User user, String password) {
        if (hasher.needsRehash(user.passwordHash())) {
            users.updatePasswordHash(user.id(), hasher.hash(password), clock.instant());
        }
    }

    /** Checks the password; the same work is done when the email is unknown, so timing tells nothing. */
    private boolean passwordMatches(Optional<User> user, String password) {
        if (user.isEmpty()) {
            hasher.matchAgainstDummy(password);
            return false;
        }
        return hasher.matches(password, user.get().passwordHash());
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
