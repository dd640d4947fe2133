package dev.coffer.identity.session;

import dev.coffer.identity.IdentityEvent.LoginSucceeded;
import dev.coffer.identity.IdentityProperties;
import dev.coffer.identity.device.KnownDevices;
import dev.coffer.identity.lockout.LoginThrottle;
import dev.coffer.identity.mfa.SecondFactor;
import dev.coffer.identity.passkey.Passkeys;
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
 * limit per IP, then an attempt reserved against the email's lockout (these two and the user's row in one round
 * trip, {@link LoginGate}, when no device token is presented), then one Argon2 check (against a dummy hash when the email is unknown, so
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
    private final KnownDevices devices;
    private final IdentityProperties properties;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final LoginGate gate;
    private final Passkeys passkeys;

    LoginService(UserRepository users, PasswordHasher hasher, LoginThrottle throttle, SecondFactor secondFactor,
            MfaChallenges challenges, RateLimiter rateLimiter, TokenIssuer issuer, KnownDevices devices,
            IdentityProperties properties, ApplicationEventPublisher events, TransactionTemplate tx, Clock clock,
            LoginGate gate, Passkeys passkeys) {
        this.passkeys = passkeys;
        this.users = users;
        this.hasher = hasher;
        this.throttle = throttle;
        this.secondFactor = secondFactor;
        this.challenges = challenges;
        this.rateLimiter = rateLimiter;
        this.issuer = issuer;
        this.devices = devices;
        this.properties = properties;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
        this.gate = gate;
    }

    /**
     * The API's one-step login: {@code totp} is required (TOTP or recovery code) when two-factor login is on;
     * {@code deviceToken} (optional) is the token an earlier login on this device handed out.
     */
    public IssuedTokens login(String email, String password, String totp, String deviceToken, ClientInfo client) {
        var entry = enter(email, deviceToken, client);
        var user = entry.user();
        var device = entry.device();
        try (var attempt = entry.attempt()) {
            var known = firstFactor(attempt, user, password, client);
            if (known.totpEnabled()) {
                if (totp == null || totp.isBlank()) {
                    throw mfaRequired("Enter the code from your authenticator app (or a recovery code)");
                }
                checkSecondFactor(attempt, known, totp, client);
            }
            rehashIfNeeded(known, password);
            return startSession(attempt::succeeded, known, client, false, device, deviceToken);
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

    public BrowserLogin beginBrowserLogin(String email, String password, ClientInfo client) {
        return beginBrowserLogin(email, password, null, client);
    }

    /** Step one: the password. When a code is needed, this attempt's slot is freed and step two takes its own. */
    public BrowserLogin beginBrowserLogin(String email, String password, String deviceToken, ClientInfo client) {
        var entry = enter(email, deviceToken, client);
        var user = entry.user();
        var device = entry.device();
        try (var attempt = entry.attempt()) {
            var known = firstFactor(attempt, user, password, client);
            rehashIfNeeded(known, password);
            if (known.totpEnabled()) {
                return new BrowserLogin.NeedsCode(tx.execute(status -> challenges.create(known.id(), clock.instant())));
            }
            return new BrowserLogin.Done(startSession(attempt::succeeded, known, client, true, device, deviceToken));
        }
    }

    public IssuedTokens completeBrowserLogin(String challenge, String code, ClientInfo client) {
        return completeBrowserLogin(challenge, code, null, client);
    }

    public IssuedTokens completeBrowserLogin(String challenge, String code, String deviceToken, ClientInfo client) {
        limitPerIp(client);
        var user = challenges.userOf(challenge, clock.instant()).flatMap(users::findById)
                .orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "login_expired",
                        "This login took too long; start again with your password"));
        var device = recognise(Optional.of(user), deviceToken);
        try (var attempt = throttle.begin(throttleKey(user.email(), device))) {
            refuseLocked(user);
            checkSecondFactor(attempt, user, code, client);
            challenges.use(challenge, clock.instant());
            return startSession(attempt::succeeded, user, client, true, device, deviceToken);
        }
    }

    /**
     * A browser login with a passkey and no password: the same session, device cookie and {@code login.succeeded}
     * audit as a password login, plus {@code passkey.used}; a user an admin locked is refused like at the password.
     * The password lockout does not apply (no secret is
     * guessed here, and a locked-out owner can still come in with their passkey); the per-IP limit does. The
     * passkey needs user verification on the device, so it counts as both factors.
     */
    public IssuedTokens passkeyLogin(String credentialJson, String deviceToken, ClientInfo client) {
        limitPerIp(client);
        return tx.execute(status -> {
            var userId = passkeys.authenticateLogin(credentialJson);
            var user = users.findById(userId).orElseThrow(LoginService::invalidCredentials);
            refuseLocked(user);
            var device = recognise(Optional.of(user), deviceToken);
            return startSession(() -> { }, user, client, true, device, deviceToken);
        });
    }

    /** The options of a passkey login (a challenge row each): limited per IP like the logins themselves. */
    public String passkeyLoginOptions(ClientInfo client) {
        limitPerIp(client);
        return passkeys.loginOptions();
    }

    /** The way to a password check: the user (if any), the recognised device (if any), a reserved attempt. */
    private record Entry(Optional<User> user, Optional<String> device, LoginThrottle.Attempt attempt) {
    }

    /**
     * Rate limit per IP, the user, the device, an attempt reserved against the email's lockout. Without a device
     * token that is one round trip ({@link LoginGate}); with one, the device must be recognised for the user
     * before the attempt's key (which names it) is known, so it takes the steps one by one.
     */
    private Entry enter(String email, String deviceToken, ClientInfo client) {
        if (deviceToken == null || deviceToken.isBlank()) {
            var entry = gate.enter(email, client);
            return new Entry(entry.user(), Optional.empty(), entry.attempt());
        }
        limitPerIp(client);
        var user = users.findByEmail(email);
        var device = recognise(user, deviceToken);
        return new Entry(user, device, throttle.begin(throttleKey(email, device)));
    }

    /** The presented device token's device, when it belongs to this email's user. */
    private Optional<String> recognise(Optional<User> user, String deviceToken) {
        return user.flatMap(u -> devices.recognise(deviceToken, u.id()));
    }

    /**
     * Failures are counted per known device, and in one bucket for every unknown device: an attacker guessing from
     * elsewhere locks the unknown-device bucket only, while the owner's device is judged by its own failures.
     */
    static String throttleKey(String email, Optional<String> deviceId) {
        var emailKey = UserRepository.emailKey(email);
        return deviceId.map(id -> emailKey + "|" + id).orElse(emailKey);
    }

    /** The password, within a reserved attempt: the user, or a refusal that looks the same for unknown emails. */
    private User firstFactor(LoginThrottle.Attempt attempt, Optional<User> user, String password,
            ClientInfo client) {
        if (!passwordMatches(user, password)) {
            attempt.failed(user.map(User::id).orElse(null), "bad_password", client.ip());
            throw invalidCredentials();
        }
        // Only after the right password, so a guesser learns nothing about the lock.
        refuseLocked(user.get());
        return user.get();
    }

    private void checkSecondFactor(LoginThrottle.Attempt attempt, User user, String code, ClientInfo client) {
        if (code == null || !secondFactor.verify(user, code.strip(), clock.instant())) {
            attempt.failed(user.id(), "bad_second_factor", client.ip());
            throw mfaRequired("The code is wrong or was already used");
        }
    }

    private IssuedTokens startSession(Runnable succeeded, User user, ClientInfo client, boolean browser,
            Optional<String> deviceId, String deviceToken) {
        return tx.execute(status -> {
            var now = clock.instant();
            succeeded.run();
            var issued = browser ? issuer.newWebSession(user.summary(), client, now)
                    : issuer.newSession(user.summary(), client, now);
            var device = devices.remember(user.id(), deviceId, deviceToken, client, now);
            events.publishEvent(new LoginSucceeded(user.id(), issued.sessionId(), client.ip(), device.id(),
                    device.isNew(), device.firstForUser()));
            return issued.withDeviceToken(device.token());
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
     * A user an admin locked cannot log in (their tokens are dead too: the token check reads the lock). 401 like
     * the other login refusals: the login did not happen.
     */
    static void refuseLocked(User user) {
        if (user.locked()) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "user_locked",
                    "This account is locked by an administrator; contact support to have it unlocked");
        }
    }

    static ApiException invalidCredentials() {
        return new ApiException(HttpStatus.UNAUTHORIZED, "invalid_credentials", "Email or password is wrong");
    }

    private static ApiException mfaRequired(String detail) {
        return new ApiException(HttpStatus.UNAUTHORIZED, "mfa_required", detail);
    }
}
