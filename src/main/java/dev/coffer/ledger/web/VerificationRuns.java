package dev.coffer.ledger.web;

import dev.coffer.ledger.admin.BooksCheck;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * The admin page's "verify now": the check reads every entry, so it runs when an admin asks, not on every page view,
 * and the page shows the latest run of this node with its time and duration.
 */
@Component
class VerificationRuns {

    /** One run of the books check: its verdict, when it finished and how long it took. */
    record Run(BooksCheck.Report report, Instant at, long durationMillis) {
    }

    private final BooksCheck books;
    private final Clock clock;
    private final AtomicReference<Run> latest = new AtomicReference<>();

    VerificationRuns(BooksCheck books, Clock clock) {
        this.books = books;
        this.clock = clock;
    }

    Run runNow() {
        long started = System.nanoTime();
        var report = books.run();
        var run = new Run(report, clock.instant(), (System.nanoTime() - started) / 1_000_000);
        latest.set(run);
        return run;
    }

    Optional<Run> latest() {
        return Optional.ofNullable(latest.get());
    }
}
