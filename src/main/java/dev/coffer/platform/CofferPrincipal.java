package dev.coffer.platform;

import java.util.Objects;
import java.util.Set;
import org.springframework.http.HttpStatus;

/**
 * Who is calling: a user through a session token, or a merchant's server through a secret API key.
 *
 * @param userId       the user (for an API key: the merchant user who owns it)
 * @param roles        the user's roles
 * @param credentialId the session id or the API key id that authenticated this request
 */
public record CofferPrincipal(Kind kind, String userId, Set<Role> roles, String credentialId) {

    public enum Kind { SESSION, API_KEY }

    public CofferPrincipal {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(userId);
        roles = Set.copyOf(roles);
        Objects.requireNonNull(credentialId);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean isSession() {
        return kind == Kind.SESSION;
    }

    /** Refuses (403) a caller without this role. */
    public void require(Role role) {
        if (!has(role)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden",
                    "This needs the " + role.wireName() + " role");
        }
    }

    /** The session id, for endpoints that belong to people rather than to merchants' API keys. */
    public String requireSession() {
        if (!isSession()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "This endpoint needs a user session token");
        }
        return credentialId;
    }
}
