package dev.coffer.ledger.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.ledger.HoldStatus;
import dev.coffer.ledger.LedgerVerifier;
import dev.coffer.ledger.TransferKind;
import dev.coffer.ledger.account.AccountRepository;
import dev.coffer.ledger.account.SettlementAccounts;
import dev.coffer.platform.CurrencyCode;
import dev.coffer.platform.Ids;
import dev.coffer.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two-phase holds through the engine on the real database: place, capture (full, partial), void, expire, and what a
 * hold's expiry means before the release job has run (the clock frozen at exact instants).
 */
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
    @Autowired
    LedgerVerifier verifier;

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
        assertThat(((Outcome.Refused) second).refusal().code()).isEqualTo("insufficient_funds");

        var capture = ledger.apply(new Operation.CaptureHold(holdId, 4_000, Ids.newId("tr"), TransferKind.PAYMENT,
                "order 42", null));
        assertThat(capture).isInstanceOf(Outcome.Applied.class);
        assertBalances(payer, 6_000, 0);
        assertBalances(merchant, 4_000, 0);
        assertThat(holdStatus(holdId)).isEqualTo("captured");

        var again = ledger.apply(new Operation.CaptureHold(holdId, 1_000, Ids.newId("tr"), TransferKind.PAYMENT,
                null, null));
        assertThat(((Outcome.Refused) again).refusal().code()).isEqualTo("hold_not_pending");
    }

    @Test
    void captureCannotExceedTheHold() {
        var holdId = place(3_000);
        var capture = ledger.apply(new Operation.CaptureHold(holdId, 3_001, Ids.newId("tr"), TransferKind.PAYMENT,
                null, null));
        assertThat(((Outcome.Refused) capture).refusal().code()).isEqualTo("amount_exceeds_hold");
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

    @Test
    void aHoldStopsCountingAgainstAvailableAtItsExpiryToTheMillisecond() {
        var expiresAt = clock.instant().plusSeconds(60);
        place(6_000, expiresAt);

        clock.freezeAt(expiresAt.minusMillis(1));
        assertBalances(payer, 10_000, 6_000);
        assertThat(accounts.find(payer).orElseThrow().available()).isEqualTo(4_000);

        clock.freezeAt(expiresAt);
        // Nothing has released the hold (accounts.pending still counts it); reads leave it out all the same.
        assertBalances(payer, 10_000, 0);
        assertThat(accounts.find(payer).orElseThrow().available()).isEqualTo(10_000);
    }

    @Test
    void aCaptureIsRefusedFromTheHoldsExpiryOn() {
        var expiresAt = clock.instant().plusSeconds(60);
        var early = place(2_000, expiresAt);
        var late = place(3_000, expiresAt);

        clock.freezeAt(expiresAt.minusMillis(1));
        assertThat(ledger.apply(new Operation.CaptureHold(early, 2_000, Ids.newId("tr"), TransferKind.PAYMENT,
                null, null))).isInstanceOf(Outcome.Applied.class);

        clock.freezeAt(expiresAt);
        var refused = ledger.apply(new Operation.CaptureHold(late, 3_000, Ids.newId("tr"), TransferKind.PAYMENT,
                null, null));
        assertThat(refused).isInstanceOf(Outcome.Refused.class);
        assertThat(((Outcome.Refused) refused).refusal().code()).isEqualTo("hold_expired");
        assertThat(dev.coffer.ledger.RefusalAnswers.status(((Outcome.Refused) refused).refusal()).value())
                .isEqualTo(409);
        assertThat(holdStatus(late)).as("a refused capture leaves the hold to the release job")
                .isNotEqualTo("captured");
        assertBalances(payer, 8_000, 0);
        assertBalances(merchant, 2_000, 0);
    }

    @Test
    void aVoidAtTheExpiryReleasesTheHoldAsExpired() {
        var expiresAt = clock.instant().plusSeconds(60);
        var holdId = place(2_500, expiresAt);
        clock.freezeAt(expiresAt);
        assertThat(ledger.apply(new Operation.ReleaseHold(holdId, HoldStatus.VOIDED)))
                .isInstanceOf(Outcome.Applied.class);
        assertThat(holdStatus(holdId)).isEqualTo("expired");
        assertBalances(payer, 10_000, 0);
    }

    @Test
    void aTransferSpendsMoneyWhoseHoldExpiredAndReleasesTheHoldOnce() {
        var expiresAt = clock.instant().plusSeconds(60);
        var holdId = place(6_000, expiresAt);
        clock.freezeAt(expiresAt);

        var outcome = tx.execute(status -> {
            // Locked first by this transaction, the hold cannot be released by anything else meanwhile: what
            // releases it below is the transfer.
            var pending = jdbc.sql("SELECT status FROM holds WHERE id = :id FOR UPDATE").param("id", holdId)
                    .query(String.class).single();
            assertThat(pending).isEqualTo("pending");
            return engine.applyOne(new Operation.PostTransfer(Ids.newId("tr"), TransferKind.TRANSFER, payer, merchant,
                    10_000, EUR, "all of it", null, null));
        });

        assertThat(outcome).isInstanceOf(Outcome.Applied.class);
        assertThat(holdStatus(holdId)).isEqualTo("expired");
        assertBalances(payer, 0, 0);
        assertBalances(merchant, 10_000, 0);
        assertThat(verifier.verify().problems()).isEmpty();
        var endedAt = endedAt(holdId);

        expiry.releaseExpired();
        assertThat(endedAt(holdId)).as("released once, by the transfer").isEqualTo(endedAt);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE type = 'hold.expired' AND subject_id = :id")
                .param("id", holdId).query(Long.class).single()).isEqualTo(1);
        assertBalances(payer, 0, 0);
    }

    @Test
    void aTransferReleasesTheExpiredHoldsItCanLockAndDoesNotWaitForTheOthers() throws Exception {
        var expiresAt = clock.instant().plusSeconds(60);
        var taken = place(3_000, expiresAt);
        var free = place(5_000, expiresAt);
        clock.freezeAt(expiresAt);
        var locked = new CountDownLatch(1);
        var finish = new CountDownLatch(1);
        try (var other = Executors.newSingleThreadExecutor()) {
            var holder = other.submit(() -> tx.execute(status -> {
                jdbc.sql("SELECT id FROM holds WHERE id = :id FOR UPDATE").param("id", taken).query(String.class)
                        .single();
                locked.countDown();
                awaitQuietly(finish);
                return null;
            }));
            assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
            try {
                var outcomes = tx.execute(status -> {
                    // Waiting for the other transaction's hold lock would hit this and fail the transaction.
                    jdbc.sql("SET LOCAL lock_timeout = '2s'").update();
                    return engine.apply(List.of(
                            new Operation.PostTransfer(Ids.newId("tr"), TransferKind.TRANSFER, payer, merchant, 7_001,
                                    EUR, "more than is free while the locked hold is counted", null, null),
                            new Operation.PostTransfer(Ids.newId("tr"), TransferKind.TRANSFER, payer, merchant, 7_000,
                                    EUR, "all but the locked hold", null, null)));
                });
                // The free hold was released first; the locked one is left to its holder, so it is still counted.
                assertThat(((Outcome.Refused) outcomes.get(0)).refusal().code()).isEqualTo("insufficient_funds");
                assertThat(outcomes.get(1)).isInstanceOf(Outcome.Applied.class);
                assertThat(holdStatus(free)).isEqualTo("expired");
            } finally {
                finish.countDown();
                holder.get(10, TimeUnit.SECONDS);
            }
        }
        expiry.releaseExpired();
        assertThat(holdStatus(taken)).isEqualTo("expired");
        assertBalances(payer, 3_000, 0);
        assertThat(verifier.verify().problems()).isEmpty();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String place(long amount) {
        return place(amount, clock.instant().plusSeconds(60));
    }

    private String place(long amount, Instant expiresAt) {
        var holdId = Ids.newId("hold");
        var outcome = ledger.apply(new Operation.PlaceHold(holdId, payer, merchant, amount, EUR, expiresAt, "test"));
        assertThat(outcome).isInstanceOf(Outcome.Applied.class);
        return holdId;
    }

    private Instant endedAt(String holdId) {
        return jdbc.sql("SELECT ended_at FROM holds WHERE id = :id").param("id", holdId)
                .query((rs, n) -> rs.getObject(1, java.time.OffsetDateTime.class).toInstant()).single();
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
