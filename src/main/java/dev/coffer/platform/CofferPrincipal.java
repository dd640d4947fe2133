package dev.coffer.platform;

import java.util.Objects;
import java.util.Set;
import org.springframework.http.HttpStatus;

/**
 * Who is calling: a user through a session token, a merchant's server through a secret API key, or another app
 * through an OAuth access token a user consented to ("Log in with Coffer").
 *
 * @param userId       the user (for an API key: the merchant user who owns it; for OAuth: the consenting user)
 * @param roles        the user's roles
 * @param credentialId the session id, the API key id, or the OAuth authorization id that authenticated this request
 * @param scopes       for {@link Kind#OAUTH} only: the scopes the user granted the app (e.g. {@code accounts:read})
 */
public record CofferPrincipal(Kind kind, String userId, Set<Role> roles, String credentialId, Set<String> scopes) {

    public enum Kind { SESSION, API_KEY, OAUTH }

    public CofferPrincipal {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(userId);
        roles = Set.copyOf(roles);
        Objects.requireNonNull(credentialId);
        scopes = Set.copyOf(scopes);
    }

    /** A session or API key caller: scopes are an OAuth matter. */
    public CofferPrincipal(Kind kind, String userId, Set<Role> roles, String credentialId) {
        this(kind, userId, roles, credentialId, Set.of());
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
