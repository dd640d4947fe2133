package dev.coffer.platform.testclock;

import static dev.coffer.platform.CofferPrincipal.Kind.SESSION;

import dev.coffer.platform.Accepts;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.Refuses;
import dev.coffer.platform.openapi.ApiTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.temporal.TemporalAmount;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The test clock (admins; only with {@code coffer.test-clock=true}, else 404): moves the server's time forward for
 * everything that asks the application's clock: tokens, holds, sessions, schedules, subscriptions.
 */
@RestController
@Tag(name = ApiTags.ADMIN)
@Accepts(SESSION)
class TestClockController {

    private final TestClockStore store;

    TestClockController(TestClockStore store) {
        this.store = store;
    }

    record AdvanceRequest(@NotBlank @Size(max = 40) String advanceBy) {
    }

    record TestClockView(Instant now) {
    }

    @Operation(operationId = "getTestClock", summary = "The server's time (test clock on only)")
    @Refuses(status = 404, codes = "not_found")
    @GetMapping("/api/v1/admin/test-clock")
    TestClockView now() {
        return new TestClockView(store().now());
    }

    @Operation(operationId = "advanceTestClock", summary = "Move the server's time forward by an ISO-8601 period "
            + "(P1M, P3D) or duration (PT2H) (test clock on only)")
    @Refuses(status = 404, codes = "not_found")
    @Refuses(status = 422, codes = "invalid_advance")
    @PostMapping("/api/v1/admin/test-clock")
    TestClockView advance(@Valid @RequestBody AdvanceRequest body) {
        var clock = store();
        return new TestClockView(clock.advance(parse(body.advanceBy())));
    }

    private TestClockStore store() {
        if (!store.enabled()) {
            throw ApiException.notFound("Test clock (start with --coffer.test-clock=true)");
        }
        return store;
    }

    /** A period (P1M, P1Y2M, P10D) or, with a time part, a duration (PT90M, P1DT2H). */
    static TemporalAmount parse(String text) {
        var upper = text.strip().toUpperCase(Locale.ROOT);
        try {
            return upper.contains("T") ? Duration.parse(upper) : Period.parse(upper);
        } catch (DateTimeException | ArithmeticException e) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid_advance",
                    "advanceBy is an ISO-8601 period (P1M, P7D) or duration (PT2H), e.g. \"P1M\"");
        }
    }
}
