package dev.coffer.identity.device;

import dev.coffer.identity.session.Tokens;
import dev.coffer.platform.ClientInfo;
import dev.coffer.platform.Db;
import dev.coffer.platform.Ids;
import jakarta.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The devices each user logged in from: a device token ({@code cfd_…}, 260 random bits, only its SHA-256 stored)
 * handed to the API client or kept in a long-lived browser cookie, presented again at the next login. A token
 * counts only for the user it was issued to.
 */
@Repository
public class KnownDevices {

    public static final String TOKEN_PREFIX = "cfd_";
    private static final int MAX_TOKEN_CHARS = 200;
    private static final int LIST_LIMIT = 50;
    static final int MAX_DEVICES_PER_USER = 50;

    private final JdbcClient jdbc;

    KnownDevices(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A device as the login sees it: its id, and the token to hand back (new, or the one presented);
     * {@code firstForUser}: the user's first device ever (a new device, but no reason to warn anyone).
     */
    public record Device(String id, String token, boolean isNew, boolean firstForUser) {
    }

    public record DeviceView(String id, @Nullable String userAgent, @Nullable String ip, Instant createdAt,
            Instant lastUsedAt) {
    }

    /** The device id when {@code token} is a live device token of {@code userId}; empty for anything else. */
    public Optional<String> recognise(String token, String userId) {
        if (token == null || userId == null || !token.startsWith(TOKEN_PREFIX) || token.length() > MAX_TOKEN_CHARS) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        SELECT id FROM known_devices
                        WHERE token_hash = :hash AND user_id = :user AND revoked_at IS NULL
                        """)
                .param("hash", Tokens.sha256(token)).param("user", userId).query(String.class).optional();
    }

    /**
     * After a successful login: the recognised device is touched and its token handed back, or a new device is
     * remembered with a new token. Runs in the login's transaction.
     */
    public Device remember(String userId, Optional<String> recognisedId, String presentedToken, ClientInfo client,
            Instant now) {
        if (recognisedId.isPresent()) {
            jdbc.sql("UPDATE known_devices SET last_used_at = :now, ip = :ip WHERE id = :id")
                    .param("now", Db.at(now)).param("ip", client.ip()).param("id", recognisedId.get()).update();
            return new Device(recognisedId.get(), presentedToken, false, false);
        }
        var id = Ids.newId("dev");
        var token = TOKEN_PREFIX + Ids.randomToken(52);
        int known = jdbc.sql("""
                        WITH known AS (SELECT count(*) AS n FROM known_devices WHERE user_id = :user AND revoked_at IS NULL)
                        INSERT INTO known_devices (id, user_id, token_hash, user_agent, ip, created_at, last_used_at)
                        VALUES (:id, :user, :hash, :agent, :ip, :now, :now)
                        RETURNING (SELECT n FROM known)
                        """)
                .param("id", id).param("user", userId).param("hash", Tokens.sha256(token))
                .param("agent", client.userAgent()).param("ip", client.ip()).param("now", Db.at(now))
                .query(Integer.class).single();
        if (known >= MAX_DEVICES_PER_USER) {
            forgetOldest(userId, now);
        }
        return new Device(id, token, true, known == 0);
    }

    /**
     * Clients that never present their token (scripts) would add a device per login: past the bound, the devices
     * not used for longest are forgotten.
     */
    private void forgetOldest(String userId, Instant now) {
        jdbc.sql("""
                        UPDATE known_devices SET revoked_at = :now
                        WHERE user_id = :user AND revoked_at IS NULL AND id NOT IN (
                            SELECT id FROM known_devices WHERE user_id = :user AND revoked_at IS NULL
                            ORDER BY last_used_at DESC LIMIT :keep)
                        """)
                .param("now", Db.at(now)).param("user", userId).param("keep", MAX_DEVICES_PER_USER).update();
    }

    /** A user's live devices, newest first. */
    public List<DeviceView> list(String userId) {
        return jdbc.sql("""
                        SELECT id, user_agent, ip, created_at, last_used_at FROM known_devices
                        WHERE user_id = :user AND revoked_at IS NULL ORDER BY created_at DESC LIMIT :limit
                        """)
                .param("user", userId).param("limit", LIST_LIMIT)
                .query((rs, n) -> new DeviceView(rs.getString("id"), rs.getString("user_agent"), rs.getString("ip"),
                        Db.instant(rs, "created_at"), Db.instant(rs, "last_used_at")))
                .list();
    }

    /** Forgets one of the user's devices; false when it is not theirs (or already forgotten). */
    public boolean revoke(String userId, String deviceId, Instant now) {
        return jdbc.sql("""
                        UPDATE known_devices SET revoked_at = :now
                        WHERE id = :id AND user_id = :user AND revoked_at IS NULL
                        """)
                .param("now", Db.at(now)).param("id", deviceId).param("user", userId).update() == 1;
    }
}
