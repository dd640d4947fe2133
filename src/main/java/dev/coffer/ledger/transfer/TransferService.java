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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
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
    private final BulkAnswers bulkAnswers;
    private final StepUpRule stepUp;

    TransferService(AccountRepository accounts, AccountFactsCache facts, SettlementAccounts settlement,
            TransferBatcher batcher, BulkAnswers bulkAnswers, StepUpRule stepUp) {
        this.accounts = accounts;
        this.facts = facts;
        this.settlement = settlement;
        this.batcher = batcher;
        this.bulkAnswers = bulkAnswers;
        this.stepUp = stepUp;
    }

    /** One transfer a customer asks for (alone, or as an item of a bulk request). */
    public record Order(String fromId, String toId, long amount, String currency, String description,
            String reference) {
    }

    /**
     * A customer's transfer from one of their accounts to any customer or merchant account; a large one to a new
     * payee needs the step-up {@code challengeId} (see {@link StepUpRule}).
     */
    public IdempotentAnswer transfer(String userId, String fromId, String toId, long amount, String currency,
            String description, @Nullable String challengeId, IdempotencyKey key) {
        // Only immutable facts are checked here (cached per node: usually no query at all); status and funds are
        // checked by the batcher under lock.
        var order = new Order(fromId, toId, amount, currency, description, null);
        var operation = check(userId, order, byId(facts.findAll(List.of(fromId, toId))));
        stepUp(userId, operation, challengeId, key.key());
        return submit(operation, key);
    }

    /**
     * A customer's bulk request: each order is checked like a single transfer, on its own (a refused one never
     * refuses another), and those that pass go to the batcher as one request: one transaction, one answer stored
     * under the one key. The answer lists every order's result in order ({@link BulkAnswers}).
     */
    public IdempotentAnswer transferAll(String userId, List<Order> orders, IdempotencyKey key) {
        // Ids of another shape name nothing: they are not looked up, and their items are answered 404.
        var found = byId(facts.findAll(orders.stream().flatMap(o -> Stream.of(o.fromId(), o.toId()))
                .filter(id -> Ids.looksLike(id, "acc")).distinct().toList()));
        var operations = new ArrayList<Operation.PostTransfer>(orders.size());
        var refusals = new ArrayList<ApiException>(orders.size());
        for (int i = 0; i < orders.size(); i++) {
            try {
                var operation = check(userId, orders.get(i), found);
                // A bulk request cannot present a challenge per item: an item that needs a step-up is refused
                // (step_up_required, with a challenge for that one transfer) and goes alone through
                // POST /api/v1/transfers with Coffer-Challenge.
                stepUp(userId, operation, null, key.key() + "#" + i);
                operations.add(operation);
                refusals.add(null);
            } catch (ApiException refusal) {
                refusals.add(refusal);
            }
        }
        var result = batcher.submitAll(operations, key, outcomes -> bulkAnswers.render(refusals, outcomes));
        return new IdempotentAnswer(result.response(), result.replayed());
    }

    /** The checks on what cannot change: ownership, a real destination, not the same account, one currency. */
    private static Operation.PostTransfer check(String userId, Order order, Map<String, AccountFacts> found) {
        var from = pick(found, order.fromId()).filter(a -> a.isOwnedBy(userId))
                .orElseThrow(() -> ApiException.notFound("Source account"));
        var to = pick(found, order.toId()).filter(a -> a.kind() != AccountKind.SYSTEM)
                .orElseThrow(() -> ApiException.notFound("Destination account"));
        if (from.id().equals(to.id())) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "same_account",
                    "Source and destination are the same account");
        }
        var code = CurrencyCode.parse(order.currency()).orElseThrow(() -> currencyMismatch(order.currency(), from));
        if (!from.currency().equals(code) || !to.currency().equals(code)) {
            throw currencyMismatch(order.currency(), from);
        }
        return new Operation.PostTransfer(Ids.newId("tr"), TransferKind.TRANSFER, from.id(), to.id(), order.amount(),
                code, order.description(), userId, order.reference());
    }

    private void stepUp(String userId, Operation.PostTransfer operation, @Nullable String challengeId,
            String requestKey) {
        stepUp.check(userId, operation.fromAccountId(), operation.toAccountId(), operation.amount(),
                operation.currency().code(), challengeId, requestKey);
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

    private static Map<String, AccountFacts> byId(List<AccountFacts> accounts) {
        var byId = new HashMap<String, AccountFacts>();
        accounts.forEach(a -> byId.put(a.id(), a));
        return byId;
    }

    private static Optional<AccountFacts> pick(Map<String, AccountFacts> accounts, String id) {
        return Optional.ofNullable(accounts.get(id));
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
