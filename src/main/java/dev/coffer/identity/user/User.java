package dev.coffer.identity.user;

import dev.coffer.identity.UserSummary;
import dev.coffer.platform.Role;
import jakarta.annotation.Nullable;
import java.time.Instant;
import java.util.Set;

/** A user row as the identity module sees it (with secrets: never leaves the module); {@code lockedAt} null unless locked. */
public record User(
        String id,
        String email,
        String displayName,
        String passwordHash,
        Set<Role> roles,
        String totpSecret,
        boolean totpEnabled,
        long totpLastStep,
        Instant createdAt,
        @Nullable Instant lockedAt) {

    public User {
        roles = Set.copyOf(roles);
    }

    /** Locked by an admin: cannot log in, and none of their tokens works (see {@code V66__user_locks.sql}). */
    public boolean locked() {
        return lockedAt != null;
    }

    public UserSummary summary() {
        return new UserSummary(id, email, displayName, roles);
    }
}
