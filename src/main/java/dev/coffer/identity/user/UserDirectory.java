package dev.coffer.identity.user;

import dev.coffer.identity.UserSummary;
import dev.coffer.identity.UserAdministration;
import dev.coffer.identity.Users;
import dev.coffer.platform.ClientInfo;
import dev.coffer.platform.Role;
import java.util.Set;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/** Implements the identity module's public {@link Users} lookups and {@link UserAdministration}. */
@Service
class UserDirectory implements Users, UserAdministration {

    private final UserRepository users;
    private final RegistrationService registration;

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
        return users.findByIds(userIds).stream().collect(Collectors.toMap(User::id, User::displayName));
    }
}
