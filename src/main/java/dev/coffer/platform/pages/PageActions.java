package dev.coffer.platform.pages;

import dev.coffer.platform.idempotency.IdempotencyKey;
import dev.coffer.platform.idempotency.IdempotentAnswer;
import dev.coffer.platform.idempotency.IdempotentExecutor;
import dev.coffer.platform.pages.PageOutcome.Done;
import dev.coffer.platform.pages.PageOutcome.Refused;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where every page action starts: turns a service call into a {@link PageAction}, whatever shape the service answers
 * in (a value or an exception; a stored idempotent answer). The one place that knows those shapes, so controllers
 * deal only in outcomes, and so a later change to typed service outcomes touches only this class.
 */
@Component
public class PageActions {

    private final IdempotentExecutor idempotent;
    private final JsonMapper json;

    PageActions(IdempotentExecutor idempotent, JsonMapper json) {
        this.idempotent = idempotent;
        this.json = json;
    }

    /** A service call whose return value is the success and whose {@code ApiException} is the refusal. */
    public <T> PageAction<T> call(Model model, Supplier<? extends T> work) {
        return new PageAction<>(model, () -> new Done<>(work.get(), false));
    }

    /** A service call that returns nothing. */
    public PageAction<Void> run(Model model, Runnable work) {
        return this.<Void>call(model, () -> {
            work.run();
            return null;
        });
    }

    /**
     * Work under the form's one-time idempotency key, through the same executor as the API: a resubmitted form gets
     * the first answer again, a success or a stored refusal, instead of running twice. The key is made inside the
     * action, so a missing or bad key is shown as a refusal like any other.
     */
    public <T> PageAction<T> idempotent(Model model, Supplier<IdempotencyKey> key, Class<T> answer,
            Supplier<? extends T> work) {
        return answered(model, answer, () -> idempotent.execute(key.get(),
                () -> new IdempotentExecutor.Success(HttpStatus.CREATED, work.get())));
    }

    /**
     * A service that answers idempotently, as transfers and deposits do: its stored answer, read as a success or a
     * refusal, so a stored refusal is never taken for a success.
     */
    public <T> PageAction<T> answered(Model model, Class<T> answer, Supplier<IdempotentAnswer> call) {
        return new PageAction<>(model, () -> outcome(call.get().read(answer, json)));
    }

    static <T> PageOutcome<T> outcome(IdempotentAnswer.Reading<T> reading) {
        return switch (reading) {
            case IdempotentAnswer.Reading.Succeeded<T>(var body, var replayed) -> new Done<>(body, replayed);
            case IdempotentAnswer.Reading.Refused<T>(var status, var code, var detail, var replayed) ->
                    new Refused<>(HttpStatus.valueOf(status), code, detail, null);
        };
    }
}
