package dev.coffer.ledger.engine;

import dev.coffer.ledger.AccountBalance;
import dev.coffer.ledger.AccountSummary;
import dev.coffer.ledger.AccountView;
import dev.coffer.ledger.HoldStatus;
import dev.coffer.ledger.Ledger;
import dev.coffer.ledger.LedgerResult;
import dev.coffer.ledger.TransferKind;
import dev.coffer.ledger.account.Account;
import dev.coffer.ledger.account.AccountRepository;
import dev.coffer.platform.CurrencyCode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Implements the public {@link Ledger} API on the engine, one operation per call, in the caller's transaction. */
@Service
class LedgerFacade implements Ledger {

    private final LedgerEngine engine;
    private final LedgerStore store;
    private final AccountRepository accounts;

    LedgerFacade(LedgerEngine engine, LedgerStore store, AccountRepository accounts) {
        this.engine = engine;
        this.store = store;
        this.accounts = accounts;
    }

    @Override
    public Optional<AccountSummary> account(String accountId) {
        return accounts.find(accountId).map(Account::summary);
    }

    @Override
    public List<AccountView> accountsOf(String ownerId) {
        return accounts.findByOwner(ownerId).stream().map(Account::view).toList();
    }

    @Override
    public Optional<AccountBalance> balance(String accountId) {
        return accounts.find(accountId).map(a -> new AccountBalance(a.id(), a.ownerId(), a.kind(), a.currency().code(),
                a.ledgerBalance(), a.pending()));
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public LedgerResult transfer(String transferId, TransferKind kind, String fromAccountId, String toAccountId,
            long amount, CurrencyCode currency, String description, String initiatedBy, String reference) {
        return result(engine.applyOne(new Operation.PostTransfer(transferId, kind, fromAccountId, toAccountId, amount,
                currency, description, initiatedBy, reference)));
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public LedgerResult placeHold(String holdId, String fromAccountId, String toAccountId, long amount,
            CurrencyCode currency, Instant expiresAt, String reference) {
        return result(engine.applyOne(new Operation.PlaceHold(holdId, fromAccountId, toAccountId, amount, currency,
                expiresAt, reference)));
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public LedgerResult captureHold(String holdId, long amount, String transferId, TransferKind kind,
            String description, String initiatedBy) {
        return result(engine.applyOne(new Operation.CaptureHold(holdId, amount, transferId, kind, description,
                initiatedBy)));
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public LedgerResult voidHold(String holdId) {
        return result(engine.applyOne(new Operation.ReleaseHold(holdId, HoldStatus.VOIDED)));
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void lockHold(String holdId) {
        store.lockHolds(List.of(holdId));
    }

    private static LedgerResult result(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Applied applied -> new LedgerResult.Done(
                    Optional.ofNullable(applied.transfer()).map(TransferRow::id));
            case Outcome.Refused refused -> new LedgerResult.Refused(refused.refusal(), refused.detail());
        };
    }
}
