package dev.coffer.ledger.web;

import dev.coffer.identity.AdminUserFacts;
import dev.coffer.ledger.Ledger;
import dev.coffer.platform.pages.Amounts;
import java.util.List;
import org.springframework.stereotype.Component;

/** On the admin's user page: each of the user's accounts with its currency, balance and status when not active. */
@Component
class AccountFactsForAdmins implements AdminUserFacts {

    private final Ledger ledger;

    AccountFactsForAdmins(Ledger ledger) {
        this.ledger = ledger;
    }

    @Override
    public List<String> about(String userId) {
        return ledger.accountsOf(userId).stream()
                .map(a -> a.name() + " " + Amounts.format(a.balance().ledger(), a.currency())
                        + ("active".equals(a.status()) ? "" : " (" + a.status() + ")"))
                .toList();
    }
}
