package dev.coffer.identity.session;

import dev.coffer.identity.IdentityProperties;
import dev.coffer.identity.UserSummary;
import dev.coffer.platform.ClientInfo;
import dev.coffer.platform.Ids;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** Creates sessions and token pairs; callers run it inside their transaction. */
@Component
class TokenIssuer {

    private final SessionRepository sessions;
    private final IdentityProperties properties;

    TokenIssuer(SessionRepository sessions, IdentityProperties properties) {
        this.sessions = sessions;
        this.properties = properties;
    }

    IssuedTokens newSession(UserSummary user, ClientInfo client, Instant now) {
        var sessionId = Ids.newId("ses");
        sessions.insertSession(sessionId, user.id(), now, now.plus(properties.refreshTokenTtl()),
                client.userAgent(), client.ip());
        return newPair(sessionId, user, now);
    }

    /** A browser session: one long-lived token for an HttpOnly cookie, no refresh token. */
    IssuedTokens newWebSession(UserSummary user, ClientInfo client, Instant now) {
        var sessionId = Ids.newId("ses");
        var expiresAt = now.plus(properties.webSessionTtl());
        sessions.insertSession(sessionId, user.id(), now, expiresAt, client.userAgent(), client.ip());
        var token = Tokens.newWebToken();
        sessions.insertToken(Tokens.sha256(token), sessionId, "web", expiresAt);
        return new IssuedTokens(sessionId, token, null, expiresAt, user);
    }

    IssuedTokens newPair(String sessionId, UserSummary user, Instant now) {
        var access = Tokens.newAccessToken();
        var refresh = Tokens.newRefreshToken();
        var accessExpiresAt = now.plus(properties.accessTokenTtl());
        var refreshExpiresAt = now.plus(properties.refreshTokenTtl());
        sessions.insertToken(Tokens.sha256(access), sessionId, "access", accessExpiresAt);
        sessions.insertToken(Tokens.sha256(refresh), sessionId, "refresh", refreshExpiresAt);
        sessions.extendSession(sessionId, refreshExpiresAt);
        return new IssuedTokens(sessionId, access, refresh, accessExpiresAt, user);
    }
}
