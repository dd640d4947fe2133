package dev.coffer.identity.mfa;

import dev.coffer.identity.IdentityEvent.MfaDisabled;
import dev.coffer.identity.IdentityEvent.MfaEnabled;
import dev.coffer.identity.IdentityEvent.MfaEnrollmentStarted;
import dev.coffer.identity.IdentityEvent.RecoveryCodesRegenerated;
import dev.coffer.identity.user.User;
import dev.coffer.identity.user.UserRepository;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.Ids;
import dev.coffer.platform.ratelimit.RateLimiter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.commons.codec.binary.Base32;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** TOTP enrolment: a pending secret first, active only once the user proves their app has it. */
@Service
public class MfaService {

    private static final int SECRET_BYTES = 20;
    private static final String ISSUER = "Coffer";

    private final UserRepository users;
    private final RecoveryCodes recoveryCodes;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final SecondFactor secondFactor;
    private final RateLimiter rateLimiter;

    /** Checks of a code to turn two-factor login off or renew recovery codes, per user and window. */
    static final int MAX_WRONG_CODES = 10;
    static final Duration WRONG_CODE_WINDOW = Duration.ofMinutes(15);

    MfaService(UserRepository users, RecoveryCodes recoveryCodes, ApplicationEventPublisher events, Clock clock,
            SecondFactor secondFactor, RateLimiter rateLimiter) {
        this.secondFactor = secondFactor;
        this.rateLimiter = rateLimiter;
        this.users = users;
        this.recoveryCodes = recoveryCodes;
        this.events = events;
        this.clock = clock;
    }

    @Schema(name = "TotpEnrollment")
    public record Enrollment(String secret, String otpauthUri) {
    }

    @Transactional
    public Enrollment start(String userId) {
        var user = lockedUser(userId);
        if (user.totpEnabled()) {
            throw new ApiException(HttpStatus.CONFLICT, "mfa_already_enabled", "Two-factor login is already on");
        }
        var secret = new Base32().encodeAsString(Ids.randomBytes(SECRET_BYTES)).replace("=", "");
        users.setPendingTotpSecret(userId, secret);
        events.publishEvent(new MfaEnrollmentStarted(userId));
        return new Enrollment(secret, otpauthUri(user.email(), secret));
    }

    /** Activates TOTP when {@code code} matches the pending secret; returns the ten recovery codes. */
    @Transactional
    public List<String> confirm(String userId, String code) {
        var user = lockedUser(userId);
        if (user.totpEnabled()) {
            throw new ApiException(HttpStatus.CONFLICT, "mfa_already_enabled", "Two-factor login is already on");
        }
        if (user.totpSecret() == null) {
            throw new ApiException(HttpStatus.CONFLICT, "mfa_not_started",
                    "Start with POST /api/v1/me/mfa/totp to get a secret first");
        }
        var step = Totp.verify(SecondFactor.decodeSecret(user.totpSecret()), code, clock.instant(), 0);
        if (step.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid_code",
                    "The code does not match; check your authenticator app's clock and try the current code");
        }
        users.enableTotp(userId, step.getAsLong());
        var codes = recoveryCodes.regenerate(userId);
        events.publishEvent(new MfaEnabled(userId));
        return codes;
    }

    /**
     * Turns two-factor login off, proven with a current TOTP code or a recovery code (a stolen session alone cannot
     * remove the second factor). The secret and all recovery codes are forgotten.
     */
    @Transactional(noRollbackFor = ApiException.class) // a wrong code's hit on the limit must count
    public void disable(String userId, String code) {
        var user = enabledUser(userId);
        proveSecondFactor(user, code);
        users.disableTotp(userId);
        recoveryCodes.deleteAll(userId);
        events.publishEvent(new MfaDisabled(userId));
    }

    /** Ten new recovery codes (the old ones stop working), proven with a current TOTP code or a recovery code. */
    @Transactional(noRollbackFor = ApiException.class)
    public List<String> regenerateRecoveryCodes(String userId, String code) {
        var user = enabledUser(userId);
        proveSecondFactor(user, code);
        var codes = recoveryCodes.regenerate(userId);
        events.publishEvent(new RecoveryCodesRegenerated(userId));
        return codes;
    }

    private User enabledUser(String userId) {
        var user = lockedUser(userId);
        if (!user.totpEnabled()) {
            throw new ApiException(HttpStatus.CONFLICT, "mfa_not_enabled", "Two-factor login is not on");
        }
        return user;
    }

    /** The code must be right; wrong codes are limited per user, so a stolen session cannot guess its way on. */
    private void proveSecondFactor(User user, String code) {
        rateLimiter.hit("mfa-change:" + user.id(), MAX_WRONG_CODES, WRONG_CODE_WINDOW).ifPresent(wait -> {
            throw ApiException.tooManyAttempts(wait);
        });
        if (code == null || code.isBlank() || !secondFactor.verify(user, code.strip(), clock.instant())) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid_code",
                    "That code is wrong or was used already: enter the current code from your authenticator app, "
                            + "or one of your recovery codes");
        }
    }

    /** The set-up in progress (a secret made, no code confirmed yet), so a mistyped code does not lose the QR code. */
    public Optional<Enrollment> pending(String userId) {
        return users.findById(userId).filter(user -> !user.totpEnabled() && user.totpSecret() != null)
                .map(user -> new Enrollment(user.totpSecret(), otpauthUri(user.email(), user.totpSecret())));
    }

    private User lockedUser(String userId) {
        return users.findByIdForUpdate(userId).orElseThrow(() -> ApiException.notFound("User"));
    }

    static String otpauthUri(String email, String secret) {
        var label = URLEncoder.encode(ISSUER + ":" + email, StandardCharsets.UTF_8).replace("+", "%20");
        return "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + ISSUER
                + "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.PERIOD_SECONDS;
    }
}
