package dev.coffer.identity.session;

import dev.coffer.identity.UserSummary;
import java.time.Instant;

/**
 * A fresh token pair: shown to the client once, never stored in clear. After a login it also carries the device
 * token to present at the next login ({@code null} after a refresh).
 */
public record IssuedTokens(String sessionId, String accessToken, String refreshToken, Instant accessExpiresAt,
        UserSummary user, String deviceToken) {

    public IssuedTokens(String sessionId, String accessToken, String refreshToken, Instant accessExpiresAt,
            UserSummary user) {
        this(sessionId, accessToken, refreshToken, accessExpiresAt, user, null);
    }

    IssuedTokens withDeviceToken(String token) {
        return new IssuedTokens(sessionId, accessToken, refreshToken, accessExpiresAt, user, token);
    }
}
