package dev.coffer.ledger.account;

import dev.coffer.platform.CurrencyCode;
import dev.coffer.platform.Ids;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The bank's settlement account per currency: deposits come out of it and withdrawals go into it, so the sum of
 * all accounts of a currency stays exactly zero. Created on first use (in its own committed transaction, so any
 * batch can lock it); its id never changes, so it is cached.
 */
@Component
public class SettlementAccounts {

    private final AccountRepository accounts;
    private final TransactionTemplate newTransaction;
    private final Clock clock;
    private final ConcurrentHashMap<String, String> idsByCurrency = new ConcurrentHashMap<>();

    SettlementAccounts(AccountRepository accounts, PlatformTransactionManager transactions, Clock clock) {
        this.accounts = accounts;
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    public String idFor(CurrencyCode currency) {
        return idsByCurrency.computeIfAbsent(currency.code(), code -> newTransaction.execute(status ->
                accounts.findSettlement(currency).orElseGet(() -> {
                    accounts.insertSettlementIfAbsent(Ids.newId("acc"), currency, clock.instant());
                    return accounts.findSettlement(currency).orElseThrow();
                })));
    }
}
