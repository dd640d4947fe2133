package dev.coffer.ledger.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.ledger.HoldStatus;
import dev.coffer.ledger.TransferKind;
import dev.coffer.ledger.account.AccountRepository;
import dev.coffer.ledger.account.SettlementAccounts;
import dev.coffer.platform.CurrencyCode;
import dev.coffer.platform.Ids;
import dev.coffer.support.IntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** Two-phase holds through the engine on the real database: place, capture (full, partial), void, expire. */
class HoldsTest extends IntegrationTest {

    private static final CurrencyCode EUR = CurrencyCode.of("EUR");

    @Autowired
    LedgerEngine engine;
    @Autowired
    SettlementAccounts settlement;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    AccountRepository accounts;
    @Autowired
    HoldExpiry expiry;

    private LedgerFixture ledger;
    private String payer;
    private String merchant;

    @BeforeEach
    void accounts() {
        ledger = new LedgerFixture(api, engine, settlement, tx);
        payer = ledger.openAccount(newUser("payer").token(), "EUR");
        merchant = ledger.openAccount(newUser("shop").token(), "EUR");
        ledger.fund(payer, "EUR", 10_000);
    }

    @Test
    void aHoldReservesMoneyAndAPartialCaptureReleasesTheRest() {
        var holdId = place(6_000);
        assertBalances(payer, 10_000, 6_000);

        var second = ledger.apply(new Operation.PlaceHold(Ids.newId("hold"), payer, merchant, 5_000, EUR,
                clock.instant().plusSeconds(60), null));
        assertThat(second).isInstanceOf(Outcome.Refused.class);
        assertThat(((Outcome.Refused) second).code()).isEqualTo("insufficient_funds");

        var capture = ledger.apply(new Operation.CaptureHold(holdId, 4_000, Ids.newId("tr"), TransferKind.PAYMENT,
                "order 42", null));
        assertThat(capture).isInstanceOf(Outcome.Applied.class);
        assertBalances(payer, 6_000, 0);
        assertBalances(merchant, 4_000, 0);
        assertThat(holdStatus(holdId)).isEqualTo("captured");

        var again = ledger.apply(new Operation.CaptureHold(holdId, 1_000, Ids.newId("tr"), TransferKind.PAYMENT,
                null, null));
        assertThat(((Outcome.Refused) again).code()).isEqualTo("hold_not_pending");
    }

    @Test
    void captureCannotExceedTheHold() {
        var holdId = place(3_000);
        var capture = ledger.apply(new Operation.CaptureHold(holdId, 3_001, Ids.newId("tr"), TransferKind.PAYMENT,
                null, null));
        assertThat(((Outcome.Refused) capture).code()).isEqualTo("amount_exceeds_hold");
        assertBalances(payer, 10_000, 3_000);
    }

    @Test
    void voidReleasesEverything() {
        var holdId = place(2_500);
        assertThat(ledger.apply(new Operation.ReleaseHold(holdId, HoldStatus.VOIDED)))
                .isInstanceOf(Outcome.Applied.class);
        assertBalances(payer, 10_000, 0);
        assertThat(holdStatus(holdId)).isEqualTo("voided");
    }

    @Test
    void expiredHoldsAreReleasedByTheServer() {
        var holdId = place(1_000);
        assertThat(expiry.releaseBatch()).isZero();
        clock.advance(Duration.ofMinutes(2));
        expiry.releaseExpired();
        assertThat(holdStatus(holdId)).isEqualTo("expired");
        assertBalances(payer, 10_000, 0);
    }

    private String place(long amount) {
        var holdId = Ids.newId("hold");
        var outcome = ledger.apply(new Operation.PlaceHold(holdId, payer, merchant, amount, EUR,
                clock.instant().plusSeconds(60), "test"));
        assertThat(outcome).isInstanceOf(Outcome.Applied.class);
        return holdId;
    }

    private String holdStatus(String holdId) {
        return jdbc.sql("SELECT status FROM holds WHERE id = :id").param("id", holdId).query(String.class).single();
    }

    private void assertBalances(String accountId, long ledgerBalance, long pending) {
        var account = accounts.find(accountId).orElseThrow();
        assertThat(account.ledgerBalance()).as("ledger of " + accountId).isEqualTo(ledgerBalance);
        assertThat(account.pending()).as("pending of " + accountId).isEqualTo(pending);
    }
}
