package dev.coffer.identity.session;

import dev.coffer.identity.IdentityProperties;
import dev.coffer.platform.BearerAuthenticator;
import dev.coffer.platform.CofferPrincipal;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Authenticates session access tokens ({@code cfa_…}) and browser session cookies ({@code cfw_…}): one indexed lookup by SHA-256, joined to the session (must
 * not be revoked) and the user (roles as of now). {@code last_seen_at} is written at most once per
 * {@code last-seen-resolution}, so ordinary requests are read-only.
 */
@Component
class TokenAuthenticator implements BearerAuthenticator {

    private final SessionRepository sessions;
    private final IdentityProperties properties;
    private final Clock clock;

    TokenAuthenticator(SessionRepository sessions, IdentityProperties properties, Clock clock) {
        this.sessions = sessions;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public boolean claims(String token) {
        return token.startsWith(Tokens.ACCESS_PREFIX) || token.startsWith(Tokens.WEB_PREFIX);
    }

    @Override
    public Optional<CofferPrincipal> authenticate(String token) {
        var now = clock.instant();
        var kind = token.startsWith(Tokens.WEB_PREFIX) ? "web" : "access";
        var grant = sessions.findGrant(Tokens.sha256(token), kind).filter(g -> g.expiresAt().isAfter(now));
        grant.ifPresent(g -> {
            var staleBefore = now.minus(properties.lastSeenResolution());
            if (g.lastSeenAt().isBefore(staleBefore)) {
                sessions.touch(g.sessionId(), now, staleBefore);
            }
        });
        return grant.map(g -> new CofferPrincipal(CofferPrincipal.Kind.SESSION, g.userId(), g.roles(),
                g.sessionId()));
    }
}
