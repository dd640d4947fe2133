package dev.coffer.payments.web;

import dev.coffer.identity.Users;
import dev.coffer.payments.checkout.CheckoutService;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.pages.Amounts;
import dev.coffer.platform.pages.LoginDestination;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** A shopper sent to log in from a pay page reads whom they are about to pay, and how much. */
@Component
class PayDestination implements LoginDestination {

    private static final Pattern PAY_PAGE = Pattern.compile("/pay/(cs_[A-Za-z0-9]{1,64})");

    private final CheckoutService checkout;
    private final Users users;

    PayDestination(CheckoutService checkout, Users users) {
        this.checkout = checkout;
        this.users = users;
    }

    @Override
    public Optional<String> describe(String nextPath) {
        var page = PAY_PAGE.matcher(nextPath);
        if (!page.matches()) {
            return Optional.empty();
        }
        try {
            var session = checkout.publicView(page.group(1));
            var merchantId = checkout.merchantIdOf(session.id());
            var merchant = users.displayNames(List.of(merchantId)).getOrDefault(merchantId, "the shop");
            return Optional.of("Log in to pay " + merchant + " " + Amounts.format(session.amount(), session.currency())
                    + ".");
        } catch (ApiException missing) {
            return Optional.empty();
        }
    }
}
