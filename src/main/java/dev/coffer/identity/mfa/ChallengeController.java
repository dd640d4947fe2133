package dev.coffer.identity.mfa;

import static dev.coffer.platform.CofferPrincipal.Kind.SESSION;

import dev.coffer.identity.StepUp;
import dev.coffer.platform.Accepts;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.IdOf;
import dev.coffer.platform.Refuses;
import dev.coffer.platform.openapi.ApiTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/challenges/{id}/verify}: the second factor that authorizes one bound payment. */
@RestController
@Tag(name = ApiTags.IDENTITY)
@Accepts(SESSION)
class ChallengeController {

    private final StepUp challenges;

    ChallengeController(StepUp challenges) {
        this.challenges = challenges;
    }

    /** A current TOTP code (6 digits) or one of the recovery codes. */
    record VerifyRequest(@NotNull @Size(min = 1, max = 64) String totp) {
    }

    record ChallengeView(String id, String status, Instant expiresAt) {
    }

    @Operation(operationId = "verifyChallenge",
            summary = "Verify a step-up challenge with a second factor; then repeat the payment with Coffer-Challenge")
    @Refuses(status = 404, codes = "not_found")
    @Refuses(status = 409, codes = "challenge_not_open")
    @Refuses(status = 422, codes = "invalid_code")
    @Refuses(status = 429, codes = "too_many_attempts")
    @PostMapping("/api/v1/challenges/{id}/verify")
    ChallengeView verify(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable @IdOf("chl") String id,
            @Valid @RequestBody VerifyRequest body) {
        var expiresAt = challenges.verify(principal.userId(), id, body.totp().strip());
        return new ChallengeView(id, "verified", expiresAt);
    }
}
