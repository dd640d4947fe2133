package dev.coffer.identity.user;

import dev.coffer.identity.UserSummary;
import dev.coffer.platform.Role;
import java.time.Instant;
import java.util.Set;

/** A user row as the identity module sees it (with secrets: never leaves the module). */
public record User(
        String id,
        String email,
        String displayName,
        String passwordHash,
        Set<Role> roles,
        String totpSecret,
        boolean totpEnabled,
        long totpLastStep,
        Instant createdAt) {

    public User {
        roles = Set.copyOf(roles);
    }

    public UserSummary summary() {
        return new UserSummary(id, email, displayName, roles);
    }
}
