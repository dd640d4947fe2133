package dev.coffer.ledger.account;

import dev.coffer.ledger.AccountKind;
import dev.coffer.ledger.AccountStatus;
import dev.coffer.ledger.Ledger;
import dev.coffer.ledger.LedgerChanges;
import dev.coffer.ledger.LedgerEvent;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.CurrencyCode;
import dev.coffer.platform.Ids;
import dev.coffer.platform.Role;
import java.time.Clock;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Opening accounts, finding one's own, freezing (admins). */
@Service
public class AccountService {

    /** A person needs a few accounts, not thousands: a bound keeps one user from bloating the books. */
    public static final int MAX_ACCOUNTS_PER_USER = Ledger.MAX_ACCOUNTS_PER_USER;

    private final AccountRepository accounts;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AccountService(AccountRepository accounts, ApplicationEventPublisher events, Clock clock) {
        this.accounts = accounts;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public Account open(CofferPrincipal owner, CurrencyCode currency, String name) {
        if (accounts.countByOwner(owner.userId()) >= MAX_ACCOUNTS_PER_USER) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "too_many_accounts",
                    "A user may hold at most " + MAX_ACCOUNTS_PER_USER + " accounts");
        }
        var kind = owner.has(Role.MERCHANT) ? AccountKind.MERCHANT : AccountKind.CUSTOMER;
        var account = new Account(Ids.newId("acc"), owner.userId(), kind, currency, name, AccountStatus.ACTIVE, 0, 0,
                0, clock.instant());
        accounts.insert(account);
        events.publishEvent(new LedgerChanges(List.of(
                new LedgerEvent.AccountOpened(account.id(), owner.userId(), currency.code()))));
        return account;
    }

    /** The account if {@code userId} owns it; otherwise 404, exactly as if it did not exist. */
    public Account owned(String userId, String accountId) {
        return accounts.find(accountId).filter(a -> a.isOwnedBy(userId))
                .orElseThrow(() -> ApiException.notFound("Account"));
    }

    public List<Account> ownedBy(String userId) {
        return accounts.findByOwner(userId);
    }

    @Transactional
    public Account setStatus(String adminId, String accountId, AccountStatus status) {
        if (!accounts.updateStatus(accountId, status)) {
            throw ApiException.notFound("Account");
        }
        events.publishEvent(new LedgerChanges(List.of(
                new LedgerEvent.AccountStatusChanged(accountId, adminId, status))));
        return accounts.find(accountId).orElseThrow();
    }
}
