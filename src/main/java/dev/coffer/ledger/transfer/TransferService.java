package dev.coffer.ledger.transfer;

import dev.coffer.ledger.AccountKind;
import dev.coffer.ledger.StepUpRule;
import dev.coffer.ledger.TransferKind;
import dev.coffer.ledger.account.Account;
import dev.coffer.ledger.account.AccountFacts;
import dev.coffer.ledger.account.AccountFactsCache;
import dev.coffer.ledger.account.AccountRepository;
import dev.coffer.ledger.account.SettlementAccounts;
import dev.coffer.ledger.engine.Operation;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.CurrencyCode;
import dev.coffer.platform.Ids;
import dev.coffer.platform.idempotency.IdempotencyKey;
import dev.coffer.platform.idempotency.IdempotentAnswer;
import jakarta.annotation.Nullable;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The request side of moving money: checks what cannot change (who owns the accounts, their currencies), builds
 * the operation and hands it to the group-commit batcher, which checks what can change (status, funds) under lock.
 */
@Service
public class TransferService {

    private final AccountRepository accounts;
    private final AccountFactsCache facts;
    private final SettlementAccounts settlement;
    private final TransferBatcher batcher;
    private final StepUpRule stepUp;

    TransferService(AccountRepository accounts, AccountFactsCache facts, SettlementAccounts settlement,
            TransferBatcher batcher, StepUpRule stepUp) {
        this.accounts = accounts;
        this.facts = facts;
        this.settlement = settlement;
        this.batcher = batcher;
        this.stepUp = stepUp;
    }

    /**
     * A customer's transfer from one of their accounts to any customer or merchant account; a large one to a new
     * payee needs the step-up {@code challengeId} (see {@link StepUpRule}).
     */
    public IdempotentAnswer transfer(String userId, String fromId, String toId, long amount, String currency,
            String description, @Nullable String challengeId, IdempotencyKey key) {
        // Only immutable facts are checked here (cached per node: usually no query at all); status and funds are
        // checked by the batcher under lock.
        var found = facts.findAll(List.of(fromId, toId));
        var from = pick(found, fromId).filter(a -> a.isOwnedBy(userId))
                .orElseThrow(() -> ApiException.notFound("Source account"));
        var to = pick(found, toId).filter(a -> a.kind() != AccountKind.SYSTEM)
                .orElseThrow(() -> ApiException.notFound("Destination account"));
        if (from.id().equals(to.id())) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "same_account",
                    "Source and destination are the same account");
        }
        var code = CurrencyCode.parse(currency).orElseThrow(() -> currencyMismatch(currency, from));
        if (!from.currency().equals(code) || !to.currency().equals(code)) {
            throw currencyMismatch(currency, from);
        }
        stepUp.check(userId, from.id(), to.id(), amount, code.code(), challengeId, key.key());
        return submit(new Operation.PostTransfer(Ids.newId("tr"), TransferKind.TRANSFER, from.id(), to.id(), amount,
                code, description, userId, null), key);
    }

    /** An admin's deposit: money enters Coffer through the currency's settlement account. */
    public IdempotentAnswer deposit(String adminId, String accountId, long amount, String reference,
            IdempotencyKey key) {
        var account = customerAccount(accountId);
        var source = settlement.idFor(account.currency());
        return submit(new Operation.PostTransfer(Ids.newId("tr"), TransferKind.DEPOSIT, source, account.id(), amount,
                account.currency(), null, adminId, reference), key);
    }

    /** An admin's withdrawal: money leaves Coffer through the currency's settlement account. */
    public IdempotentAnswer withdraw(String adminId, String accountId, long amount, String reference,
            IdempotencyKey key) {
        var account = customerAccount(accountId);
        var target = settlement.idFor(account.currency());
        return submit(new Operation.PostTransfer(Ids.newId("tr"), TransferKind.WITHDRAWAL, account.id(), target,
                amount, account.currency(), null, adminId, reference), key);
    }

    private static Optional<AccountFacts> pick(List<AccountFacts> accounts, String id) {
        return accounts.stream().filter(a -> a.id().equals(id)).findFirst();
    }

    private Account customerAccount(String accountId) {
        return accounts.find(accountId).filter(a -> a.kind() != AccountKind.SYSTEM)
                .orElseThrow(() -> ApiException.notFound("Account"));
    }

    private IdempotentAnswer submit(Operation.PostTransfer operation, IdempotencyKey key) {
        var result = batcher.submit(operation, key);
        return new IdempotentAnswer(result.response(), result.replayed());
    }

    private static ApiException currencyMismatch(String currency, AccountFacts from) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "currency_mismatch",
                "The transfer's currency (" + currency + ") must match both accounts (the source holds "
                        + from.currency() + ")");
    }
}
