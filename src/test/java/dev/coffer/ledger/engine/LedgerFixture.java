package dev.coffer.ledger.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.ledger.TransferKind;
import dev.coffer.ledger.account.SettlementAccounts;
import dev.coffer.platform.CurrencyCode;
import dev.coffer.platform.Ids;
import dev.coffer.support.Api;
import java.util.Map;
import org.springframework.transaction.support.TransactionTemplate;

/** Opens accounts through the API and funds them through the engine, for engine-level tests. */
final class LedgerFixture {

    private final Api api;
    private final LedgerEngine engine;
    private final SettlementAccounts settlement;
    private final TransactionTemplate tx;

    LedgerFixture(Api api, LedgerEngine engine, SettlementAccounts settlement, TransactionTemplate tx) {
        this.api = api;
        this.engine = engine;
        this.settlement = settlement;
        this.tx = tx;
    }

    String openAccount(String token, String currency) {
        var response = api.post("/api/v1/accounts").token(token)
                .json(Map.of("currency", currency, "name", "Test " + currency)).send();
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().path("id").asString();
    }

    void fund(String accountId, String currency, long amount) {
        var code = CurrencyCode.of(currency);
        var outcome = tx.execute(status -> engine.applyOne(new Operation.PostTransfer(Ids.newId("tr"),
                TransferKind.DEPOSIT, settlement.idFor(code), accountId, amount, code, null, null, "test funding")));
        assertThat(outcome).isInstanceOf(Outcome.Applied.class);
    }

    Outcome apply(Operation operation) {
        return tx.execute(status -> engine.applyOne(operation));
    }
}
