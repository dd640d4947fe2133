package dev.coffer.identity.session;

import dev.coffer.identity.user.UserRepository;
import dev.coffer.platform.Db;
import dev.coffer.platform.Role;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code sessions} and {@code session_tokens}. */
@Repository
class SessionRepository {

    private final JdbcClient jdbc;

    SessionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record AccessGrant(String sessionId, String userId, Set<Role> roles, Instant expiresAt, Instant lastSeenAt) {
    }

    record RefreshGrant(String sessionId, String userId, Instant expiresAt, Instant usedAt, Instant revokedAt) {
    }

    record SessionRow(String id, Instant createdAt, Instant lastSeenAt, String userAgent, String ip) {
    }

    void insertSession(String id, String userId, Instant now, Instant expiresAt, String userAgent, String ip) {
        jdbc.sql("""
                        INSERT INTO sessions (id, user_id, created_at, last_seen_at, expires_at, user_agent, ip)
                        VALUES (:id, :userId, :now, :now, :expiresAt, :userAgent, :ip)
                        """)
                .param("id", id).param("userId", userId).param("now", Db.at(now))
                .param("expiresAt", Db.at(expiresAt)).param("userAgent", userAgent).param("ip", ip)
                .update();
    }

    void insertToken(byte[] hash, String sessionId, String kind, Instant expiresAt) {
        jdbc.sql("""
                        INSERT INTO session_tokens (token_hash, session_id, kind, expires_at)
                        VALUES (:hash, :sessionId, :kind, :expiresAt)
                        """)
                .param("hash", hash).param("sessionId", sessionId).param("kind", kind)
                .param("expiresAt", Db.at(expiresAt))
                .update();
    }

    /** A live grant for an access token ({@code kind = 'access'}) or a browser token ({@code 'web'}). */
    Optional<AccessGrant> findGrant(byte[] hash, String kind) {
        return jdbc.sql("""
                        SELECT t.session_id, s.user_id, u.roles, t.expires_at, s.last_seen_at
                        FROM session_tokens t
                        JOIN sessions s ON s.id = t.session_id
                        JOIN users u ON u.id = s.user_id
                        WHERE t.token_hash = :hash AND t.kind = :kind AND s.revoked_at IS NULL
                          AND u.locked_at IS NULL
                        """)
                .param("hash", hash).param("kind", kind)
                .query((rs, row) -> new AccessGrant(rs.getString("session_id"), rs.getString("user_id"),
                        UserRepository.roles(rs.getArray("roles")), Db.instant(rs, "expires_at"), Db.instant(rs, "last_seen_at")))
                .optional();
    }

    /** Locks the refresh token row, so two concurrent refreshes with one token are serialized. */
    Optional<RefreshGrant> findRefreshForUpdate(byte[] hash) {
        return jdbc.sql("""
                        SELECT t.session_id, s.user_id, t.expires_at, t.used_at, s.revoked_at
                        FROM session_tokens t JOIN sessions s ON s.id = t.session_id
                        WHERE t.token_hash = :hash AND t.kind = 'refresh'
                        FOR UPDATE OF t
                        """)
                .param("hash", hash)
                .query((rs, row) -> new RefreshGrant(rs.getString("session_id"), rs.getString("user_id"),
                        Db.instant(rs, "expires_at"), Db.instant(rs, "used_at"), Db.instant(rs, "revoked_at")))
                .optional();
    }

    void markRefreshUsed(byte[] hash, Instant now) {
        jdbc.sql("UPDATE session_tokens SET used_at = :now WHERE token_hash = :hash")
                .param("now", Db.at(now)).param("hash", hash).update();
    }

    void extendSession(String sessionId, Instant expiresAt) {
        jdbc.sql("UPDATE sessions SET expires_at = :expiresAt WHERE id = :id")
                .param("expiresAt", Db.at(expiresAt)).param("id", sessionId).update();
    }

    /** Moves last_seen_at forward only when it is older than the resolution, so most requests write nothing. */
    void touch(String sessionId, Instant now, Instant olderThan) {
        jdbc.sql("UPDATE sessions SET last_seen_at = :now WHERE id = :id AND last_seen_at < :olderThan")
                .param("now", Db.at(now)).param("id", sessionId).param("olderThan", Db.at(olderThan)).update();
    }

    /** Revokes one session of this user; false when it is not theirs or already revoked. */
    boolean revoke(String userId, String sessionId, Instant now, String reason) {
        return jdbc.sql("""
                        UPDATE sessions SET revoked_at = :now, revoked_reason = :reason
                        WHERE id = :id AND user_id = :userId AND revoked_at IS NULL
                        """)
                .param("now", Db.at(now)).param("reason", reason).param("id", sessionId).param("userId", userId)
                .update() == 1;
    }

    /** Revokes every live session of the user except one (null: all); returns the revoked ids. */
    List<String> revokeAllExcept(String userId, String keepSessionId, Instant now, String reason) {
        return jdbc.sql("""
                        UPDATE sessions SET revoked_at = :now, revoked_reason = :reason
                        WHERE user_id = :userId AND revoked_at IS NULL AND id IS DISTINCT FROM :keep::text
                        RETURNING id
                        """)
                .param("now", Db.at(now)).param("reason", reason).param("userId", userId)
                .param("keep", keepSessionId)
                .query(String.class).list();
    }

    List<SessionRow> listActive(String userId, Instant now) {
        return jdbc.sql("""
                        SELECT id, created_at, last_seen_at, user_agent, ip FROM sessions
                        WHERE user_id = :userId AND revoked_at IS NULL AND expires_at > :now
                        ORDER BY created_at DESC, id
                        LIMIT 100
                        """)
                .param("userId", userId).param("now", Db.at(now))
                .query((rs, row) -> new SessionRow(rs.getString("id"), Db.instant(rs, "created_at"),
                        Db.instant(rs, "last_seen_at"), rs.getString("user_agent"), rs.getString("ip")))
                .list();
    }

    /** Expired tokens are dead weight; reuse detection only matters while a refresh token could still be used. */
    int deleteTokensExpiredBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM session_tokens WHERE expires_at < :cutoff")
                .param("cutoff", Db.at(cutoff)).update();
    }
}
