package dev.coffer.identity;

import dev.coffer.platform.Role;
import java.util.Set;

/** What other modules may know about a user. */
public record UserSummary(String id, String email, String displayName, Set<Role> roles) {

    public UserSummary {
        roles = Set.copyOf(roles);
    }
}
