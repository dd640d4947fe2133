package dev.coffer.identity;

import java.time.Instant;

/**
 * Strong customer authentication with dynamic linking, for other modules: a challenge bound to what it authorizes
 * (an opaque {@code binding} the caller builds, say sender account, payee, amount and currency), verified by the user
 * with their second factor ({@code POST /api/v1/challenges/{id}/verify}), then redeemed once for exactly that
 * binding within {@link #LIFETIME_MINUTES} minutes.
 */
public interface StepUp {

    int LIFETIME_MINUTES = 5;

    /** Whether the user has a second factor to step up with: TOTP, or a passkey. */
    boolean canStepUp(String userId);

    /** Whether the user has a passkey (so a challenge can be verified with one). */
    boolean hasPasskey(String userId);

    /** Opens a challenge for {@code binding}; returns its id ({@code chl_…}). */
    String open(String userId, String binding);

    /**
     * Verifies the user's challenge with a TOTP code (each time step once per user, login included) or a recovery
     * code; returns when it expires. Refuses with an {@code ApiException}: {@code not_found},
     * {@code challenge_not_open}, {@code invalid_code}, {@code too_many_attempts}.
     */
    Instant verify(String userId, String challengeId, String code);

    /**
     * Verifies the user's challenge with a passkey instead: {@code credentialJson} is the browser's answer
     * ({@code PublicKeyCredential} JSON) to the options of {@link #passkeyOptions}. Same refusals as
     * {@link #verify}; a passkey that does not verify is an {@code invalid_code}.
     */
    Instant verifyWithPasskey(String userId, String challengeId, String credentialJson);

    /** The options (JSON for {@code navigator.credentials.get}) to answer the user's open challenge with a passkey. */
    String passkeyOptions(String userId, String challengeId);

    /**
     * Spends a verified challenge on {@code binding}, atomically (of two requests racing on one challenge, one
     * wins). {@code requestKey} names the request (its idempotency key): the same request presenting the challenge
     * again is accepted, so a retried request reaches its stored answer.
     */
    Redemption redeem(String userId, String challengeId, String binding, String requestKey);

    enum Redemption {
        ACCEPTED,
        /** Bound to something else: another account, payee, amount or currency. */
        MISMATCH,
        /** Not verified with a second factor yet (it still can be). */
        NOT_VERIFIED,
        /** Unknown, someone else's, expired, or spent by another request: a new one is needed. */
        SPENT
    }
}
