package dev.coffer.identity.session;

import dev.coffer.identity.IdentityEvent.LoggedOut;
import dev.coffer.identity.IdentityEvent.SessionRevoked;
import dev.coffer.identity.IdentityProperties;
import dev.coffer.identity.user.User;
import dev.coffer.identity.user.UserRepository;
import dev.coffer.platform.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Refresh with rotation and reuse detection, logout, listing and revoking one's sessions. */
@Service
public class SessionService {

    private final SessionRepository sessions;
    private final UserRepository users;
    private final TokenIssuer issuer;
    private final IdentityProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SessionService(SessionRepository sessions, UserRepository users, TokenIssuer issuer,
            IdentityProperties properties, ApplicationEventPublisher events, Clock clock) {
        this.sessions = sessions;
        this.users = users;
        this.issuer = issuer;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    public record SessionView(String id, Instant createdAt, Instant lastSeenAt, String userAgent, String ip,
            boolean current) {
    }

    /**
     * Trades a refresh token for a new pair. Each refresh token works once: presenting a used one means it was
     * copied, so the whole session is revoked (OAuth 2.0 Security BCP, refresh token rotation).
     */
    @Transactional(noRollbackFor = ApiException.class)
    public IssuedTokens refresh(String refreshToken) {
        var now = clock.instant();
        var hash = Tokens.sha256(refreshToken);
        var grant = sessions.findRefreshForUpdate(hash).orElseThrow(SessionService::invalidRefresh);
        if (grant.revokedAt() != null || !grant.expiresAt().isAfter(now)) {
            throw invalidRefresh();
        }
        if (grant.usedAt() != null) {
            sessions.revoke(grant.userId(), grant.sessionId(), now, "refresh_token_reused");
            events.publishEvent(new SessionRevoked(grant.userId(), grant.sessionId(), "refresh_token_reused"));
            throw invalidRefresh();
        }
        sessions.markRefreshUsed(hash, now);
        var user = users.findById(grant.userId()).filter(u -> !u.locked()).map(User::summary)
                .orElseThrow(SessionService::invalidRefresh);
        return issuer.newPair(grant.sessionId(), user, now);
    }

    @Transactional
    public void logout(String userId, String sessionId) {
        if (sessions.revoke(userId, sessionId, clock.instant(), "logout")) {
            events.publishEvent(new LoggedOut(userId, sessionId));
        }
    }

    /** Revokes one of the user's own sessions; another user's session id answers 404 like an unknown one. */
    @Transactional
    public void revoke(String userId, String sessionId) {
        if (!sessions.revoke(userId, sessionId, clock.instant(), "revoked_by_user")) {
            throw ApiException.notFound("Session");
        }
        events.publishEvent(new SessionRevoked(userId, sessionId, "revoked_by_user"));
    }

    /** Revokes all sessions of the user but one; used after a password change. */
    public List<String> revokeOthers(String userId, String keepSessionId, String reason) {
        return sessions.revokeAllExcept(userId, keepSessionId, clock.instant(), reason);
    }

    public List<SessionView> list(String userId, String currentSessionId) {
        return sessions.listActive(userId, clock.instant()).stream()
                .map(s -> new SessionView(s.id(), s.createdAt(), s.lastSeenAt(), s.userAgent(), s.ip(),
                        s.id().equals(currentSessionId)))
                .toList();
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void deleteExpiredTokens() {
        sessions.deleteTokensExpiredBefore(clock.instant().minus(properties.accessTokenTtl()));
    }

    private static ApiException invalidRefresh() {
        return new ApiException(HttpStatus.UNAUTHORIZED, "invalid_token",
                "The refresh token is invalid, expired, revoked or already used");
    }
}
