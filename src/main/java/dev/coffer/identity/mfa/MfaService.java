package dev.coffer.identity.mfa;

import dev.coffer.identity.IdentityEvent.MfaEnabled;
import dev.coffer.identity.IdentityEvent.MfaEnrollmentStarted;
import dev.coffer.identity.user.User;
import dev.coffer.identity.user.UserRepository;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.Ids;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
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

    MfaService(UserRepository users, RecoveryCodes recoveryCodes, ApplicationEventPublisher events, Clock clock) {
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

    private User lockedUser(String userId) {
        return users.findByIdForUpdate(userId).orElseThrow(() -> ApiException.notFound("User"));
    }

    static String otpauthUri(String email, String secret) {
        var label = URLEncoder.encode(ISSUER + ":" + email, StandardCharsets.UTF_8).replace("+", "%20");
        return "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + ISSUER
                + "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.PERIOD_SECONDS;
    }
}
