package dev.coffer.platform.pages;

import dev.coffer.platform.ApiException;
import dev.coffer.platform.pages.PageOutcome.Done;
import dev.coffer.platform.pages.PageOutcome.Refused;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.ui.Model;

/**
 * One submitted form's work, bound to the model of the page that answers it. Nothing runs until {@link #show} or
 * {@link #showRefusalOnly}: the work can only be done together with telling its outcome, so a page cannot report
 * success for a refusal (issue #14: the merchant page said "Refund sent" when the stored answer was a refusal).
 *
 * <p>Showing puts exactly one message into the model: {@value #NOTICE} on success, or {@value #ERROR} with the
 * refusal's code in {@value #ERROR_CODE}. Templates render them through the {@code messages} fragment (or, where the
 * page contract names its own status element, with that element's test id).
 */
public final class PageAction<T> {

    public static final String NOTICE = "notice";
    public static final String ERROR = "error";
    public static final String ERROR_CODE = "errorCode";

    private final Model model;
    private final Supplier<PageOutcome<T>> attempt;
    private final Function<Refused<T>, String> wording;

    PageAction(Model model, Supplier<PageOutcome<T>> attempt) {
        this(model, attempt, Refused::message);
    }

    private PageAction(Model model, Supplier<PageOutcome<T>> attempt, Function<Refused<T>, String> wording) {
        this.model = Objects.requireNonNull(model);
        this.attempt = Objects.requireNonNull(attempt);
        this.wording = Objects.requireNonNull(wording);
    }

    /** The same action, telling refusals in the page's own words (the login page's "try again in 5 minutes"). */
    public PageAction<T> wordRefusal(Function<Refused<T>, String> pageWording) {
        return new PageAction<>(model, attempt, pageWording);
    }

    /** Runs the action; a success puts {@code notice}'s text into the model, a refusal its message and code. */
    public PageOutcome<T> show(Function<? super Done<T>, String> notice) {
        Objects.requireNonNull(notice);
        return perform(notice);
    }

    /**
     * Runs the action; a success puts no notice (the page shows the result itself: a new key, a QR code, recovery
     * codes, or a redirect), a refusal puts its message and code.
     */
    public PageOutcome<T> showRefusalOnly() {
        return perform(null);
    }

    private PageOutcome<T> perform(Function<? super Done<T>, String> notice) {
        var outcome = attempt();
        var messages = model.asMap();
        messages.remove(NOTICE);
        messages.remove(ERROR);
        messages.remove(ERROR_CODE);
        switch (outcome) {
            case Done<T> done -> {
                if (notice != null) {
                    model.addAttribute(NOTICE, Objects.requireNonNull(notice.apply(done), "notice text"));
                }
            }
            case Refused<T> refused -> {
                model.addAttribute(ERROR, wording.apply(refused));
                model.addAttribute(ERROR_CODE, refused.code());
            }
        }
        return outcome;
    }

    /** Services refuse with ApiException; anything else is a bug and still answers 500. */
    private PageOutcome<T> attempt() {
        try {
            return Objects.requireNonNull(attempt.get(), "outcome");
        } catch (ApiException refusal) {
            return Refused.of(refusal);
        }
    }
}
