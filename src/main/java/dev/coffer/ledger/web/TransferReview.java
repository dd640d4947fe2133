package dev.coffer.ledger.web;

import dev.coffer.identity.Users;
import dev.coffer.ledger.AccountKind;
import dev.coffer.ledger.StepUpRule;
import dev.coffer.ledger.account.AccountFactsCache;
import dev.coffer.ledger.account.AccountService;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.pages.Amounts;
import jakarta.annotation.Nullable;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Checks a transfer form the way the API's validation would, and finds what the confirmation step shows: the
 * recipient's name (so a mistyped account id shows up as a stranger's name before any money moves) and whether a
 * step-up is needed (then with a fresh challenge, verified on the same step).
 */
@Component
class TransferReview {

    private final AccountService accounts;
    private final AccountFactsCache facts;
    private final Users users;
    private final StepUpRule stepUp;

    TransferReview(AccountService accounts, AccountFactsCache facts, Users users, StepUpRule stepUp) {
        this.accounts = accounts;
        this.facts = facts;
        this.users = users;
        this.stepUp = stepUp;
    }

    /** What the confirmation shows; {@code challengeId} is set when the code is asked for. */
    record Review(String fromAccountId, String fromName, long amount, String currency, @Nullable String description,
            String recipientName, @Nullable String challengeId) {

        Review withChallenge(String challenge) {
            return new Review(fromAccountId, fromName, amount, currency, description, recipientName, challenge);
        }
    }

    Review review(String userId, TransferPageController.Form form, boolean openChallenge) {
        var from = accounts.ownedBy(userId).stream().filter(a -> a.id().equals(form.fromAccountId())).findFirst()
                .orElseThrow(() -> TransferPageController.invalid("validation_failed",
                        "Choose one of your accounts to send from."));
        var currency = from.currency();
        var minor = Amounts.parse(form.amount(), currency).orElseThrow(() -> TransferPageController.invalid(
                "invalid_amount", "Enter an amount such as " + (currency.exponent() == 0 ? "1200" : "12.50")
                        + " (at most " + currency.exponent() + " decimals)."));
        var text = form.description().strip().isEmpty() ? null : form.description().strip();
        if (text != null && (text.length() > 500 || text.chars().anyMatch(Character::isISOControl))) {
            throw TransferPageController.invalid("validation_failed",
                    "The description is too long or has invalid characters.");
        }
        var to = facts.findAll(List.of(form.toAccountId())).stream().filter(a -> a.kind() != AccountKind.SYSTEM)
                .findFirst().orElseThrow(() -> ApiException.notFound("Destination account"));
        if (to.id().equals(from.id())) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "same_account",
                    "Source and destination are the same account");
        }
        if (!to.currency().equals(currency)) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "currency_mismatch",
                    "The recipient's account holds " + to.currency().code() + ", not " + currency.code());
        }
        var name = users.displayNames(List.of(to.ownerId())).getOrDefault(to.ownerId(), "an unnamed customer");
        String challenge = null;
        if (openChallenge) {
            try {
                stepUp.check(userId, from.id(), to.id(), minor, currency.code(), null, form.idempotencyKey());
            } catch (ApiException needed) {
                if (!"step_up_required".equals(needed.code())) {
                    throw needed;
                }
                challenge = needed.properties().get("challengeId");
            }
        }
        return new Review(from.id(), from.name(), minor, currency.code(), text, name, challenge);
    }
}
