package dev.coffer.identity.user;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.coffer.identity.UserAdministration;
import dev.coffer.identity.UserSummary;
import dev.coffer.identity.Users;
import dev.coffer.platform.ClientInfo;
import dev.coffer.platform.Role;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;

/** Implements the identity module's public {@link Users} lookups and {@link UserAdministration}. */
@Service
class UserDirectory implements Users, UserAdministration {

    /** Enough for every counterparty a busy node shows in a while; the least used go first when it is full. */
    static final int NAME_CACHE_SIZE = 10_000;

    private final UserRepository users;
    private final RegistrationService registration;
    /**
     * Display names never change (there is no rename; users are never deleted), so a cached name is never stale,
     * on any node. Saves a query on every history page. A rename feature would have to drop this cache.
     */
    private final Cache<String, String> displayNameCache = Caffeine.newBuilder().maximumSize(NAME_CACHE_SIZE).build();

    UserDirectory(UserRepository users, RegistrationService registration) {
        this.users = users;
        this.registration = registration;
    }

    @Override
    public UserSummary create(String email, String password, String displayName, Set<Role> roles) {
        return registration.create(email, password, displayName, roles, new ClientInfo("127.0.0.1", "coffer"));
    }

    @Override
    public Optional<UserSummary> findByEmail(String email) {
        return users.findByEmail(email).map(User::summary);
    }

    @Override
    public Optional<UserSummary> find(String userId) {
        return users.findById(userId).map(User::summary);
    }

    @Override
    public boolean mfaEnabled(String userId) {
        return users.findById(userId).map(User::totpEnabled).orElse(false);
    }

    @Override
    public Map<String, String> displayNames(Collection<String> userIds) {
        // Ids of nobody are simply absent: the loader returns only the users found, and Caffeine caches only those.
        return displayNameCache.getAll(userIds, missing -> {
            var found = new HashMap<String, String>();
            users.findByIds(List.copyOf(missing)).forEach(user -> found.put(user.id(), user.displayName()));
            return found;
        });
    }
}
