package dev.coffer.identity.user;

import dev.coffer.identity.UserSummary;
import dev.coffer.identity.Users;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/** Implements the identity module's public {@link Users} lookups. */
@Service
class UserDirectory implements Users {

    private final UserRepository users;

    UserDirectory(UserRepository users) {
        this.users = users;
    }

    @Override
    public Optional<UserSummary> find(String userId) {
        return users.findById(userId).map(User::summary);
    }

    @Override
    public Map<String, String> displayNames(Collection<String> userIds) {
        return users.findByIds(userIds).stream().collect(Collectors.toMap(User::id, User::displayName));
    }
}
