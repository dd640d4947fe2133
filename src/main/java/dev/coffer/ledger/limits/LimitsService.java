package dev.coffer.ledger.limits;

import dev.coffer.ledger.account.Account;
import dev.coffer.ledger.account.AccountService;
import dev.coffer.ledger.limits.LimitsController.LimitsView;
import dev.coffer.ledger.limits.LimitsController.PendingLimits;
import dev.coffer.ledger.limits.SpendingLimits.Limits;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Owner-set spending limits. Lowering is safe at once; raising waits {@link #RAISE_DELAY}, so whoever takes over
 * an account (a stolen password) cannot lift the limits and empty it before the owner notices. The limits are
 * enforced by the ledger engine, under the account lock.
 */
@Service
class LimitsService {

    static final Duration RAISE_DELAY = Duration.ofHours(24);

    private final AccountService accounts;
    private final LimitsRepository repository;
    private final Clock clock;

    LimitsService(AccountService accounts, LimitsRepository repository, Clock clock) {
        this.accounts = accounts;
        this.repository = repository;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    LimitsView get(String userId, String accountId) {
        var account = accounts.owned(userId, accountId);
        return view(account, repository.find(account.id()).orElse(SpendingLimits.NONE).asOf(clock.instant()));
    }

    @Transactional
    LimitsView set(String userId, String accountId, Limits requested) {
        var account = accounts.owned(userId, accountId);
        repository.lockAccount(account.id());
        var now = clock.instant();
        var next = repository.find(account.id()).orElse(SpendingLimits.NONE)
                .request(requested, now, now.plus(RAISE_DELAY));
        repository.save(account.id(), next, now);
        repository.startSpending(account.id(), now);
        return view(account, next);
    }

    private static LimitsView view(Account account, SpendingLimits limits) {
        var pending = limits.pending() == null ? PendingLimits.NONE : new PendingLimits(limits.pending().perTransfer(),
                limits.pending().daily(), limits.pending().monthly(), limits.pendingEffectiveAt());
        return new LimitsView(account.id(), account.currency().code(), limits.current().perTransfer(),
                limits.current().daily(), limits.current().monthly(), pending);
    }
}
