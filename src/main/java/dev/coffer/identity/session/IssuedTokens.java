package dev.coffer.identity.session;

import dev.coffer.identity.UserSummary;
import java.time.Instant;

/** A fresh token pair: shown to the client once, never stored in clear. */
public record IssuedTokens(String sessionId, String accessToken, String refreshToken, Instant accessExpiresAt,
        UserSummary user) {
}
