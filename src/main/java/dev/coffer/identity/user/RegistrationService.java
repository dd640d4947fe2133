package dev.coffer.identity.user;

import dev.coffer.identity.IdentityEvent.UserRegistered;
import dev.coffer.identity.IdentityProperties;
import dev.coffer.identity.UserSummary;
import dev.coffer.identity.password.PasswordHasher;
import dev.coffer.identity.password.PasswordPolicy;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.ClientInfo;
import dev.coffer.platform.Db;
import dev.coffer.platform.Ids;
import dev.coffer.platform.Role;
import dev.coffer.platform.ratelimit.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Creates users: rate limited per client IP, password checked against policy, hashed off the request thread. */
@Service
public class RegistrationService {

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final RateLimiter rateLimiter;
    private final IdentityProperties properties;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;

    RegistrationService(UserRepository users, PasswordHasher hasher, PasswordPolicy policy, RateLimiter rateLimiter,
            IdentityProperties properties, ApplicationEventPublisher events, TransactionTemplate tx, Clock clock) {
        this.users = users;
        this.hasher = hasher;
        this.policy = policy;
        this.rateLimiter = rateLimiter;
        this.properties = properties;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    public UserSummary register(String email, String password, String displayName, ClientInfo client) {
        rateLimiter.hit("register:" + client.ip(), properties.registrationsPerIpPerMinute(), Duration.ofMinutes(1))
                .ifPresent(wait -> {
                    throw ApiException.tooManyAttempts(wait);
                });
        return create(email, password, displayName, EnumSet.of(Role.CUSTOMER), client);
    }

    /** Creates a user with the given roles once the password passed the policy. */
    public UserSummary create(String email, String password, String displayName, Set<Role> roles, ClientInfo client) {
        policy.problem(password, email).ifPresent(problem -> {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "weak_password", problem);
        });
        return createTrusted(email, password, displayName, roles, client);
    }

    /** Creates a user without the password policy: only for passwords an operator configured (admin bootstrap). */
    public UserSummary createTrusted(String email, String password, String displayName, Set<Role> roles,
            ClientInfo client) {
        if (users.findByEmail(email).isPresent()) {
            throw emailTaken();
        }
        var user = new User(Ids.newId("usr"), email.strip(), displayName.strip(), hasher.hash(password), roles,
                null, false, 0, Db.micros(clock.instant()), null);
        return tx.execute(status -> {
            if (!users.insert(user)) {
                throw emailTaken();
            }
            events.publishEvent(new UserRegistered(user.id(), client.ip()));
            return user.summary();
        });
    }

    private static ApiException emailTaken() {
        return new ApiException(HttpStatus.CONFLICT, "email_taken", "An account with this email already exists");
    }
}
