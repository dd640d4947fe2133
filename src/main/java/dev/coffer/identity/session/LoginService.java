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
 * limit per IP, then an attempt reserved against the email's lockout, then one Argon2 check (against a dummy hash when the email is unknown, so
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
        limitPerIp(client);
        try (var attempt = throttle.begin(UserRepository.emailKey(email))) {
            var user = firstFactor(attempt, email, password, client);
            if (user.totpEnabled()) {
                if (totp == null || totp.isBlank()) {
                    throw mfaRequired("Enter the code from your authenticator app (or a recovery code)");
                }
                checkSecondFactor(attempt, user, totp, client);
            }
            rehashIfNeeded(user, password);
            return startSession(attempt, user, client, false);
        }
    }

    /** What the first step of a browser login leads to. */
    public sealed interface BrowserLogin {
        record Done(IssuedTokens session) implements BrowserLogin {
        }

        /** The password was right; now a code is needed. The challenge stands for step one for five minutes. */
        record NeedsCode(String challenge) implements BrowserLogin {
        }
    }

    /** Step one: the password. When a code is needed, this attempt's slot is freed and step two takes its own. */
    public BrowserLogin beginBrowserLogin(String email, String password, ClientInfo client) {
        limitPerIp(client);
        try (var attempt = throttle.begin(UserRepository.emailKey(email))) {
            var user = firstFactor(attempt, email, password, client);
            rehashIfNeeded(user, password);
            if (user.totpEnabled()) {
                return new BrowserLogin.NeedsCode(tx.execute(status -> challenges.create(user.id(), clock.instant())));
            }
            return new BrowserLogin.Done(startSession(attempt, user, client, true));
        }
    }

    public IssuedTokens completeBrowserLogin(String challenge, String code, ClientInfo client) {
        limitPerIp(client);
        var user = challenges.userOf(challenge, clock.instant()).flatMap(users::findById)
                .orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "login_expired",
                        "This login took too long; start again with your password"));
        try (var attempt = throttle.begin(UserRepository.emailKey(user.email()))) {
            checkSecondFactor(attempt, user, code, client);
            challenges.use(challenge, clock.instant());
            return startSession(attempt, user, client, true);
        }
    }

    /** The password, within a reserved attempt: the user, or a refusal that looks the same for unknown emails. */
    private User firstFactor(LoginThrottle.Attempt attempt, String email, String password, ClientInfo client) {
        var user = users.findByEmail(email);
        if (!passwordMatches(user, password)) {
            attempt.failed(user.map(User::id).orElse(null), "bad_password", client.ip());
            throw invalidCredentials();
        }
        return user.get();
    }

    private void checkSecondFactor(LoginThrottle.Attempt attempt, User user, String code, ClientInfo client) {
        if (code == null || !secondFactor.verify(user, code.strip(), clock.instant())) {
            attempt.failed(user.id(), "bad_second_factor", client.ip());
            throw mfaRequired("The code is wrong or was already used");
        }
    }

    private IssuedTokens startSession(LoginThrottle.Attempt attempt, User user, ClientInfo client, boolean browser) {
        return tx.execute(status -> {
            var now = clock.instant();
            attempt.succeeded();
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

    static ApiException invalidCredentials() {
        return new ApiException(HttpStatus.UNAUTHORIZED, "invalid_credentials", "Email or password is wrong");
    }

    private static ApiException mfaRequired(String detail) {
        return new ApiException(HttpStatus.UNAUTHORIZED, "mfa_required", detail);
    }
}
