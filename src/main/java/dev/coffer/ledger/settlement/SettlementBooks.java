package dev.coffer.ledger.settlement;

import dev.coffer.ledger.AccountSummary;
import dev.coffer.ledger.Ledger;
import dev.coffer.ledger.LedgerResult;
import dev.coffer.ledger.SettlementEntry;
import dev.coffer.ledger.SettlementLedger;
import dev.coffer.ledger.TransferKind;
import dev.coffer.platform.CurrencyCode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Implements {@link SettlementLedger}: reads by SQL here, posts adjustments through the {@link Ledger} engine. */
@Service
class SettlementBooks implements SettlementLedger {

    static final String ADJUSTMENT_DESCRIPTION = "Reconciliation adjustment";

    private final SettlementRepository settlement;
    private final Ledger ledger;
    private final TransactionTemplate newTransaction;
    private final Clock clock;
    private final ConcurrentHashMap<String, String> suspenseByCurrency = new ConcurrentHashMap<>();

    SettlementBooks(SettlementRepository settlement, Ledger ledger, PlatformTransactionManager transactions,
            Clock clock) {
        this.settlement = settlement;
        this.ledger = ledger;
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    @Override
    public List<AccountSummary> settlementAccounts() {
        return settlement.settlementAccountIds().stream()
                .map(id -> ledger.account(id).orElseThrow(() -> new IllegalStateException("vanished: " + id)))
                .toList();
    }

    @Override
    public Optional<AccountSummary> settlementAccount(String accountId) {
        if (accountId == null || !settlement.isSettlementAccount(accountId)) {
            return Optional.empty();
        }
        return ledger.account(accountId);
    }

    @Override
    public List<SettlementEntry> entries(String settlementAccountId, Instant from, Instant to, int maxRows) {
        if (maxRows < 1 || maxRows > MAX_ENTRIES) {
            throw new IllegalArgumentException("maxRows must be 1.." + MAX_ENTRIES + ": " + maxRows);
        }
        return settlement.entries(settlementAccountId, from, to, maxRows);
    }

    @Override
    public Optional<SettlementEntry> entry(String settlementAccountId, String transferId) {
        return settlement.entry(settlementAccountId, transferId);
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public LedgerResult adjust(String transferId, String settlementAccountId, long settlementAmount,
            String reference, String initiatedBy) {
        if (settlementAmount == 0) {
            throw new IllegalArgumentException("an adjustment moves money");
        }
        var account = settlementAccount(settlementAccountId)
                .orElseThrow(() -> new IllegalArgumentException("not a settlement account: " + settlementAccountId));
        var suspense = suspenseFor(account.currency());
        long amount = Math.absExact(settlementAmount);
        // Money leaves the settlement account as a deposit would (to suspense), or enters it as a withdrawal would.
        return settlementAmount < 0
                ? ledger.transfer(transferId, TransferKind.DEPOSIT, account.id(), suspense, amount,
                        account.currency(), ADJUSTMENT_DESCRIPTION, initiatedBy, reference)
                : ledger.transfer(transferId, TransferKind.WITHDRAWAL, suspense, account.id(), amount,
                        account.currency(), ADJUSTMENT_DESCRIPTION, initiatedBy, reference);
    }

    /** Created on first use in its own committed transaction (as settlement accounts are), so a batch can lock it. */
    private String suspenseFor(CurrencyCode currency) {
        return suspenseByCurrency.computeIfAbsent(currency.code(), code -> newTransaction.execute(status ->
                settlement.findSuspense(currency).orElseGet(() -> {
                    settlement.insertSuspenseIfAbsent(currency, clock.instant());
                    return settlement.findSuspense(currency).orElseThrow();
                })));
    }
}
