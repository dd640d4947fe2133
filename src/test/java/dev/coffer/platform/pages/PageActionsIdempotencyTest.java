package dev.coffer.platform.pages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.platform.ApiException;
import dev.coffer.platform.idempotency.IdempotencyKey;
import dev.coffer.platform.pages.PageOutcome.Done;
import dev.coffer.platform.pages.PageOutcome.Refused;
import dev.coffer.support.IntegrationTest;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.ui.ExtendedModelMap;

/**
 * Page actions under a form's one-time key go through the real idempotent executor and PostgreSQL: a resubmitted
 * form gets the first answer again, success or stored refusal, and the page tells that answer, not a fresh one.
 */
class PageActionsIdempotencyTest extends IntegrationTest {

    record Receipt(String id, long amount) {
    }

    @Autowired
    PageActions actions;

    private final String scope = "usr_" + UUID.randomUUID();
    private final String formKey = UUID.randomUUID().toString();
    private final AtomicInteger runs = new AtomicInteger();

    @Test
    void aResubmittedSuccessIsReplayedAndRunsOnce() {
        var first = submit(this::receipt);
        var again = submit(this::receipt);

        assertThat(first).isEqualTo(new Done<>(new Receipt("re_1", 500), false));
        assertThat(again).isEqualTo(new Done<>(new Receipt("re_1", 500), true));
        assertThat(runs).hasValue(1);
    }

    /** Issue #14: the stored refusal came back and the page said "Refund sent". */
    @Test
    void aStoredRefusalIsShownAgainEvenIfTheWorkWouldNowSucceed() {
        var model = new ExtendedModelMap();
        var first = submit(model, () -> {
            runs.incrementAndGet();
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "refund_exceeds_captured", "At most 3150");
        });
        var again = submit(model, this::receipt);

        var refusal = new Refused<Receipt>(HttpStatus.UNPROCESSABLE_CONTENT, "refund_exceeds_captured", "At most 3150",
                null);
        assertThat(first).isEqualTo(refusal);
        assertThat(again).isEqualTo(refusal);
        assertThat(runs).hasValue(1);
        assertThat(model.get(PageAction.ERROR_CODE)).isEqualTo("refund_exceeds_captured");
        assertThat(model).doesNotContainKey(PageAction.NOTICE);
    }

    @Test
    void aRefusalThatIsNotStoredLeavesTheKeyFreeForARetry() {
        var first = submit(() -> {
            runs.incrementAndGet();
            throw new ApiException(HttpStatus.CONFLICT, "payment_not_refundable", "Not yet");
        });
        var retry = submit(this::receipt);

        assertThat(first).isInstanceOf(Refused.class);
        assertThat(retry).isEqualTo(new Done<>(new Receipt("re_1", 500), false));
        assertThat(runs).hasValue(2);
    }

    @Test
    void aFormWithoutItsKeyIsRefusedBeforeAnyWork() {
        var model = new ExtendedModelMap();
        var outcome = actions.idempotent(model, () -> IdempotencyKey.of(scope, "", "POST", "/test", "body"),
                Receipt.class, this::receipt).show(done -> "Done");

        assertThat(outcome).isInstanceOf(Refused.class);
        assertThat(model.get(PageAction.ERROR_CODE)).isEqualTo("idempotency_key_required");
        assertThat(runs).hasValue(0);
    }

    @Test
    void aPlainCallAndARunAreActionsToo() {
        var model = new ExtendedModelMap();

        assertThat(actions.call(model, this::receipt).show(done -> "Sent " + done.value().id()).succeeded()).isTrue();
        assertThat(model.get(PageAction.NOTICE)).isEqualTo("Sent re_1");

        var outcome = actions.run(model, () -> {
            throw ApiException.notFound("Session");
        }).show(done -> "Ended");
        assertThat(outcome).isEqualTo(new Refused<Void>(HttpStatus.NOT_FOUND, "not_found", "Session not found", null));
        assertThat(model).doesNotContainKey(PageAction.NOTICE);
    }

    private Receipt receipt() {
        runs.incrementAndGet();
        return new Receipt("re_1", 500);
    }

    private PageOutcome<Receipt> submit(Supplier<Receipt> work) {
        return submit(new ExtendedModelMap(), work);
    }

    private PageOutcome<Receipt> submit(ExtendedModelMap model, Supplier<Receipt> work) {
        return actions.idempotent(model, () -> IdempotencyKey.of(scope, formKey, "POST", "/test", "body"),
                Receipt.class, work).show(done -> "Done");
    }
}
