package dev.coffer.identity.admin;

import dev.coffer.identity.IdentityEvent.UserLocked;
import dev.coffer.identity.IdentityEvent.UserUnlocked;
import dev.coffer.identity.oauth.ConnectedApps;
import dev.coffer.identity.session.SessionService;
import dev.coffer.identity.user.User;
import dev.coffer.identity.user.UserRepository;
import dev.coffer.platform.ApiException;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Admins lock and unlock users. A locked user cannot log in ({@code user_locked}, after the right password only),
 * and everything they hold stops at once, in the lock's transaction: sessions (with their access, refresh and browser
 * tokens) are revoked and apps' authorizations deleted. The token check also reads the lock, so a login or refresh
 * racing the lock cannot leave a live token behind. Locking or unlocking twice changes nothing the second time (and
 * audits nothing); an admin cannot lock themselves (409 {@code cannot_lock_self}), so some admin always remains.
 */
@Service
public class UserLocks {

    private final UserRepository users;
    private final SessionService sessions;
    private final ConnectedApps apps;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    UserLocks(UserRepository users, SessionService sessions, ConnectedApps apps, ApplicationEventPublisher events,
            Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.apps = apps;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public User lock(String adminId, String userId) {
        if (adminId.equals(userId)) {
            throw new ApiException(HttpStatus.CONFLICT, "cannot_lock_self", "An admin cannot lock themselves out");
        }
        // The row lock serializes this with a concurrent unlock of the same user.
        var user = users.findByIdForUpdate(userId).orElseThrow(() -> ApiException.notFound("User"));
        if (user.locked()) {
            return user;
        }
        users.lock(userId, adminId, clock.instant());
        var revoked = sessions.revokeOthers(userId, null, "user_locked");
        var appTokens = apps.revokeAllTokens(userId);
        events.publishEvent(new UserLocked(userId, adminId, revoked.size(), appTokens));
        return users.findById(userId).orElseThrow();
    }

    @Transactional
    public User unlock(String adminId, String userId) {
        var user = users.findByIdForUpdate(userId).orElseThrow(() -> ApiException.notFound("User"));
        if (!user.locked()) {
            return user;
        }
        users.unlock(userId);
        events.publishEvent(new UserUnlocked(userId, adminId));
        return users.findById(userId).orElseThrow();
    }
}
