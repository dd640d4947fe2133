package dev.coffer.ledger;

import dev.coffer.identity.StepUp;
import dev.coffer.platform.ApiException;
import jakarta.annotation.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * When a payment needs strong customer authentication, and whether the one presented fits: at or above the
 * currency's threshold to a payee none of the sender's accounts has paid before (and not one of their own), a challenge bound to sender account,
 * payee, amount and currency must be verified and presented ({@code Coffer-Challenge}). Used by transfers (API and
 * page) and checkout payments before the money path: a refusal here moves nothing.
 */
@Component
public class StepUpRule {

    public static final String HEADER = "Coffer-Challenge";

    private final ScaProperties properties;
    private final StepUp stepUp;
    private final JdbcClient jdbc;

    StepUpRule(ScaProperties properties, StepUp stepUp, JdbcClient jdbc) {
        this.properties = properties;
        this.stepUp = stepUp;
        this.jdbc = jdbc;
    }

    /**
     * Passes, or throws the 403 that says what to do: {@code step_up_required} (with a fresh {@code challengeId}),
     * {@code second_factor_required}, {@code challenge_mismatch} or {@code challenge_not_verified}.
     * {@code requestKey} names the request (its idempotency key), so its own retry may present the challenge again.
     */
    public void check(String userId, String fromAccountId, String toAccountId, long amount, String currency,
            @Nullable String challengeId, String requestKey) {
        boolean presented = challengeId != null && !challengeId.isBlank();
        // A challenge presented is always checked: of two requests racing on one, the second must not pass merely
        // because the first has just made the payee a known one.
        if (amount < properties.thresholdFor(currency) || (!presented && paidBefore(userId, toAccountId))) {
            return;
        }
        if (!stepUp.canStepUp(userId)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "second_factor_required",
                    "Payments of this size to a new payee need a second factor: turn on two-factor login first");
        }
        var binding = fromAccountId + "|" + toAccountId + "|" + amount + "|" + currency;
        if (!presented) {
            throw stepUpRequired(userId, binding, "A payment of this size to a new payee needs your second factor");
        }
        switch (stepUp.redeem(userId, challengeId.strip(), binding, requestKey)) {
            case ACCEPTED -> {
            }
            case MISMATCH -> throw new ApiException(HttpStatus.FORBIDDEN, "challenge_mismatch",
                    "The challenge was issued for another account, payee, amount or currency");
            case NOT_VERIFIED -> throw new ApiException(HttpStatus.FORBIDDEN, "challenge_not_verified",
                    "Verify the challenge with your second factor first").with("challengeId", challengeId.strip());
            case SPENT -> throw stepUpRequired(userId, binding,
                    "The challenge was used, expired or is unknown; verify this new one");
        }
    }

    private ApiException stepUpRequired(String userId, String binding, String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, "step_up_required", detail)
                .with("challengeId", stepUp.open(userId, binding));
    }

    /**
     * Whether the payee is a known one: an account of the user's own (moving money between one's own accounts is
     * exempt, as in PSD2's RTS article 15), or one any account of the user has sent a transfer or payment to (an
     * index probe per account of theirs).
     */
    private boolean paidBefore(String userId, String payeeAccountId) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM accounts WHERE id = :payee AND owner_id = :user)
                            OR EXISTS (
                                SELECT 1 FROM accounts a JOIN transfers t
                                    ON t.to_account_id = :payee AND t.from_account_id = a.id
                                WHERE a.owner_id = :user AND t.kind IN ('transfer', 'payment'))
                        """)
                .param("payee", payeeAccountId).param("user", userId).query(Boolean.class).single();
    }
}
