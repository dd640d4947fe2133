package dev.coffer.ledger.web;

import dev.coffer.identity.Users;
import dev.coffer.ledger.AccountKind;
import dev.coffer.ledger.Ledger;
import dev.coffer.ledger.admin.Approvals;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.pages.Amounts;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The admin's deposit or withdrawal form, checked as the move will check it, and what its confirmation shows: the
 * account's owner by name, the account's name and currency, the amount, and whether a second admin must approve.
 */
@Component
class MoneyMoveReview {

    private final Ledger ledger;
    private final Users users;
    private final Approvals approvals;

    MoneyMoveReview(Ledger ledger, Users users, Approvals approvals) {
        this.ledger = ledger;
        this.users = users;
        this.approvals = approvals;
    }

    /** What the confirmation shows, and the form's fields to send again with {@code step=confirm}. */
    record Review(String kind, String accountId, String ownerName, String accountName, String currency,
            String amountText, String amount, String reference, String idempotencyKey, boolean needsApproval) {

        public boolean deposit() {
            return Approvals.DEPOSIT.equals(kind);
        }
    }

    Review review(String kind, String accountId, String amountText, String reference, String idempotencyKey) {
        var account = ledger.account(accountId.strip()).filter(a -> a.kind() != AccountKind.SYSTEM)
                .orElseThrow(() -> ApiException.notFound("Account"));
        var currency = account.currency();
        var minor = Amounts.parse(amountText, currency).orElseThrow(() -> new ApiException(HttpStatus.BAD_REQUEST,
                "invalid_amount", "Enter an amount such as " + (currency.exponent() == 0 ? "1200" : "12.50")
                        + " (at most " + currency.exponent() + " decimals)"));
        if (reference.strip().length() > 200) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed", "The reference is too long");
        }
        return new Review(kind, account.id(), ownerName(account.id()), account.name(), currency.code(),
                amountText.strip(), Amounts.format(minor, currency.code()), reference.strip(), idempotencyKey,
                approvals.needsApproval(minor));
    }

    /** The name of the account's owner, or the account id when nobody is found (never null). */
    String ownerName(String accountId) {
        return ledger.account(accountId).map(a -> users.displayNames(List.of(a.ownerId())).get(a.ownerId()))
                .orElse(accountId);
    }
}
