package dev.coffer.identity.mfa;

import dev.coffer.identity.IdentityEvent.RecoveryCodeUsed;
import dev.coffer.identity.user.User;
import dev.coffer.identity.user.UserRepository;
import java.time.Instant;
import org.apache.commons.codec.binary.Base32;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Checks the second factor at login: a current TOTP code, or one of the user's unused recovery codes. */
@Component
public class SecondFactor {

    private final UserRepository users;
    private final RecoveryCodes recoveryCodes;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;

    SecondFactor(UserRepository users, RecoveryCodes recoveryCodes, ApplicationEventPublisher events,
            TransactionTemplate tx) {
        this.users = users;
        this.recoveryCodes = recoveryCodes;
        this.events = events;
        this.tx = tx;
    }

    /** True when {@code code} is accepted; the code is spent either way it matched (TOTP step or recovery code). */
    public boolean verify(User user, String code, Instant now) {
        if (!user.totpEnabled() || code == null) {
            return false;
        }
        if (Totp.looksLikeCode(code)) {
            var step = Totp.verify(decodeSecret(user.totpSecret()), code, now, user.totpLastStep());
            return step.isPresent() && users.useTotpStep(user.id(), step.getAsLong());
        }
        if (RecoveryCodes.looksLikeRecoveryCode(code)) {
            return Boolean.TRUE.equals(tx.execute(status -> {
                if (!recoveryCodes.use(user.id(), code, now)) {
                    return false;
                }
                events.publishEvent(new RecoveryCodeUsed(user.id(), recoveryCodes.remaining(user.id())));
                return true;
            }));
        }
        return false;
    }

    static byte[] decodeSecret(String base32) {
        return new Base32().decode(base32);
    }
}
