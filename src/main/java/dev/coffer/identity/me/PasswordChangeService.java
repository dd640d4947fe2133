package dev.coffer.identity.me;

import dev.coffer.identity.IdentityEvent.PasswordChanged;
import dev.coffer.identity.lockout.LoginThrottle;
import dev.coffer.identity.password.PasswordHasher;
import dev.coffer.identity.password.PasswordPolicy;
import dev.coffer.identity.session.SessionService;
import dev.coffer.identity.user.UserRepository;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.ClientInfo;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Changes a password: the current one must be given (and wrong guesses count toward the lockout like failed
 * logins), the new one must pass the policy, and every other session of the user is revoked.
 */
@Service
public class PasswordChangeService {

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final LoginThrottle throttle;
    private final SessionService sessions;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;

    PasswordChangeService(UserRepository users, PasswordHasher hasher, PasswordPolicy policy, LoginThrottle throttle,
            SessionService sessions, ApplicationEventPublisher events, TransactionTemplate tx, Clock clock) {
        this.users = users;
        this.hasher = hasher;
        this.policy = policy;
        this.throttle = throttle;
        this.sessions = sessions;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    public void change(String userId, String currentSessionId, String currentPassword, String newPassword,
            ClientInfo client) {
        var user = users.findById(userId).orElseThrow(() -> ApiException.notFound("User"));
        var emailKey = UserRepository.emailKey(user.email());
        try (var attempt = throttle.begin(emailKey)) {
            if (!hasher.matches(currentPassword, user.passwordHash())) {
                attempt.failed(userId, "bad_current_password", client.ip());
                throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid_credentials",
                        "The current password is wrong");
            }
        }
        policy.problem(newPassword, user.email()).ifPresent(problem -> {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "weak_password", problem);
        });
        var newHash = hasher.hash(newPassword);
        tx.executeWithoutResult(status -> {
            users.updatePasswordHash(userId, newHash, clock.instant());
            var revoked = sessions.revokeOthers(userId, currentSessionId, "password_changed");
            events.publishEvent(new PasswordChanged(userId, revoked.size()));
        });
    }
}
