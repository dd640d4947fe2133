package dev.coffer.platform.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.platform.ApiException;
import dev.coffer.platform.idempotency.IdempotentAnswer;
import dev.coffer.platform.idempotency.StoredResponse;
import dev.coffer.platform.pages.PageOutcome.Done;
import dev.coffer.platform.pages.PageOutcome.Refused;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.ui.ExtendedModelMap;
import tools.jackson.databind.json.JsonMapper;

/** The one place that turns a page action's result into the page's message: exactly one, and the true one. */
class PageActionTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Receipt(String id, long amount) {
    }

    private final ExtendedModelMap model = new ExtendedModelMap();

    @Test
    void aSuccessPutsItsNoticeAndNoError() {
        var outcome = action(() -> new Done<>(new Receipt("re_1", 1_000), false))
                .show(done -> "Refunded " + done.value().amount());

        assertThat(outcome).isEqualTo(new Done<>(new Receipt("re_1", 1_000), false));
        assertThat(model.get(PageAction.NOTICE)).isEqualTo("Refunded 1000");
        assertThat(model).doesNotContainKeys(PageAction.ERROR, PageAction.ERROR_CODE);
    }

    @Test
    void aRefusalPutsItsMessageAndCodeAndNoNotice() {
        var outcome = action(() -> {
            throw new ApiException(HttpStatus.CONFLICT, "payment_not_capturable", "This one is canceled");
        }).show(done -> "Captured");

        assertThat(outcome).isEqualTo(new Refused<>(HttpStatus.CONFLICT, "payment_not_capturable",
                "This one is canceled", null));
        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.successValue()).isEmpty();
        assertThat(model.get(PageAction.ERROR)).isEqualTo("This one is canceled");
        assertThat(model.get(PageAction.ERROR_CODE)).isEqualTo("payment_not_capturable");
        assertThat(model).doesNotContainKey(PageAction.NOTICE);
    }

    @Test
    void aStoredRefusalIsARefusalEvenWhenReplayed() {
        var stored = new IdempotentAnswer(new StoredResponse(422, """
                {"type":"/problems/refund_exceeds_captured","title":"Unprocessable Content","status":422,
                 "detail":"At most 3150 of this payment can still be refunded","code":"refund_exceeds_captured"}"""),
                true);

        var outcome = action(() -> PageActions.outcome(stored.read(Receipt.class, JSON))).show(done -> "Refund sent");

        assertThat(outcome).isEqualTo(new Refused<>(HttpStatus.UNPROCESSABLE_CONTENT, "refund_exceeds_captured",
                "At most 3150 of this payment can still be refunded", null));
        assertThat(model.get(PageAction.ERROR_CODE)).isEqualTo("refund_exceeds_captured");
        assertThat(model).doesNotContainKey(PageAction.NOTICE);
    }

    @Test
    void aStoredSuccessIsReadBackWithItsReplayFlag() {
        var body = "{\"id\":\"re_2\",\"amount\":250,\"object\":\"refund\"}";
        var fresh = new IdempotentAnswer(new StoredResponse(201, body), false);
        var replayed = new IdempotentAnswer(new StoredResponse(201, body), true);

        assertThat(PageActions.outcome(fresh.read(Receipt.class, JSON)))
                .isEqualTo(new Done<>(new Receipt("re_2", 250), false));
        assertThat(PageActions.outcome(replayed.read(Receipt.class, JSON)))
                .isEqualTo(new Done<>(new Receipt("re_2", 250), true));
    }

    @Test
    void nothingRunsUntilTheOutcomeIsShown() {
        var runs = new AtomicInteger();
        var action = action(() -> new Done<>(runs.incrementAndGet(), false));
        assertThat(runs).hasValue(0);

        action.showRefusalOnly();

        assertThat(runs).hasValue(1);
    }

    @Test
    void showingOnlyRefusalsLeavesASuccessToThePage() {
        var outcome = action(() -> new Done<>("QR", false)).showRefusalOnly();

        assertThat(outcome.successValue()).contains("QR");
        assertThat(model).doesNotContainKeys(PageAction.NOTICE, PageAction.ERROR, PageAction.ERROR_CODE);
    }

    @Test
    void aPageMayWordARefusalItsOwnWayButKeepsTheCode() {
        var outcome = action(() -> {
            throw ApiException.tooManyAttempts(Duration.ofSeconds(90));
        }).wordRefusal(refused -> "Wait " + refused.waitBeforeRetry().orElseThrow().toSeconds() + " s")
                .showRefusalOnly();

        assertThat(outcome).isInstanceOf(Refused.class);
        assertThat(model.get(PageAction.ERROR)).isEqualTo("Wait 90 s");
        assertThat(model.get(PageAction.ERROR_CODE)).isEqualTo("too_many_attempts");
    }

    @Test
    void theLastActionsMessageIsTheOnlyOne() {
        action(() -> {
            throw new ApiException(HttpStatus.NOT_FOUND, "not_found", "Account not found");
        }).show(done -> "Frozen");

        action(() -> new Done<>("acc_1", false)).show(done -> "Unfrozen " + done.value());

        assertThat(model.get(PageAction.NOTICE)).isEqualTo("Unfrozen acc_1");
        assertThat(model).doesNotContainKeys(PageAction.ERROR, PageAction.ERROR_CODE);
    }

    @Test
    void aBugIsNotARefusal() {
        var action = action(() -> {
            throw new IllegalStateException("bug");
        });

        assertThatThrownBy(() -> action.show(done -> "Done")).isInstanceOf(IllegalStateException.class);
        assertThat(model).isEmpty();
    }

    private <T> PageAction<T> action(java.util.function.Supplier<PageOutcome<T>> attempt) {
        return new PageAction<>(model, attempt);
    }
}
