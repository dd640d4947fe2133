package dev.coffer.identity;

import dev.coffer.platform.Role;
import java.util.Optional;
import java.util.Set;

/** Operator-side user management for other modules (the demo seeder): create users with roles, find by email. */
public interface UserAdministration {

    /** Creates a user with these roles; the password must pass the policy. */
    UserSummary create(String email, String password, String displayName, Set<Role> roles);

    Optional<UserSummary> findByEmail(String email);
}
