package dev.coffer.ledger.limits;

import static dev.coffer.platform.CofferPrincipal.Kind.SESSION;

import dev.coffer.ledger.limits.SpendingLimits.Limits;
import dev.coffer.platform.Accepts;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.IdOf;
import dev.coffer.platform.Money;
import dev.coffer.platform.openapi.ApiTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.Nullable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;
import java.time.Instant;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET} and {@code PUT /api/v1/accounts/{id}/limits}: the owner's spending limits of one account. */
@RestController
@Tag(name = ApiTags.ACCOUNTS)
@Accepts(SESSION)
class LimitsController {

    private final LimitsService limits;

    LimitsController(LimitsService limits) {
        this.limits = limits;
    }

    /** The whole set wanted; an absent limit means none. */
    record LimitsRequest(
            @Positive @Max(Money.MAX_AMOUNT_MINOR) Long perTransfer,
            @Positive @Max(Money.MAX_AMOUNT_MINOR) Long daily,
            @Positive @Max(Money.MAX_AMOUNT_MINOR) Long monthly) {
    }

    /**
     * A raised set of limits waiting for {@code effectiveAt}; with no raise waiting, every field is null. (Always an
     * object, so clients read {@code pending.effectiveAt} without a null check first.)
     */
    record PendingLimits(@Nullable Long perTransfer, @Nullable Long daily, @Nullable Long monthly,
            @Nullable Instant effectiveAt) {
        static final PendingLimits NONE = new PendingLimits(null, null, null, null);
    }

    /** The limits in force (minor units of the account's currency; null: no limit) and a raise waiting, if any. */
    record LimitsView(String accountId, String currency, @Nullable Long perTransfer, @Nullable Long daily,
            @Nullable Long monthly, PendingLimits pending) {
    }

    @Operation(operationId = "getSpendingLimits",
            summary = "An account's spending limits in force, and a raise waiting for its 24 hours")
    @GetMapping("/api/v1/accounts/{id}/limits")
    LimitsView get(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable @IdOf("acc") String id) {
        return limits.get(principal.userId(), id);
    }

    @Operation(operationId = "setSpendingLimits",
            summary = "Set an account's spending limits: lowering applies at once, raising 24 hours later")
    @PutMapping("/api/v1/accounts/{id}/limits")
    LimitsView put(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable @IdOf("acc") String id,
            @Valid @RequestBody LimitsRequest body) {
        return limits.set(principal.userId(), id, new Limits(body.perTransfer(), body.daily(), body.monthly()));
    }
}
