package dev.coffer.billing.standing;

import static dev.coffer.platform.CofferPrincipal.Kind.SESSION;

import dev.coffer.platform.Accepts;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.IdOf;
import dev.coffer.platform.Money;
import dev.coffer.platform.Refuses;
import dev.coffer.platform.openapi.ApiTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.Nullable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Standing orders: a transfer from one of the caller's accounts at {@code startAt}, once or every {@code interval}
 * ({@code count} times, or until canceled). Each run is an ordinary transfer, made exactly once.
 */
@RestController
@Tag(name = ApiTags.TRANSFERS)
@Accepts(SESSION)
class ScheduledTransferController {

    private final StandingOrderService service;

    ScheduledTransferController(StandingOrderService service) {
        this.service = service;
    }

    /** An ISO-8601 date and time with its offset ({@code Z} or {@code +01:00}). */
    static final String TIME = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})$";

    record ScheduledTransferRequest(
            @NotNull @IdOf("acc") String fromAccountId,
            @NotNull @IdOf("acc") String toAccountId,
            @NotNull @Min(1) @Max(Money.MAX_AMOUNT_MINOR) Long amount,
            @NotNull @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO 4217 code such as EUR") String currency,
            @Nullable @Size(max = 200) String description,
            @NotNull @Size(max = 40) @Pattern(regexp = TIME, message = "must be an ISO-8601 time with an offset, "
                    + "e.g. 2027-01-31T09:00:00Z") String startAt,
            @Nullable @Pattern(regexp = "^(day|week|month|year)$", message = "must be day, week, month or year")
            String interval,
            @Nullable @Min(1) @Max(StandingOrderService.MAX_COUNT) Integer count) {
    }

    record ScheduledTransferView(String id, String fromAccountId, String toAccountId, long amount, String currency,
            @Nullable String description, Instant startAt, @Nullable String interval, @Nullable Integer count,
            String status, int runsDone, @Nullable Instant nextRunAt, Instant createdAt) {
        static ScheduledTransferView of(StandingOrder order) {
            return new ScheduledTransferView(order.id(), order.fromAccountId(), order.toAccountId(), order.amount(),
                    order.currency(), order.description(), order.startAt(),
                    order.interval() == null ? null : order.interval().word(), order.count(), order.status(),
                    order.runsDone(), order.nextRunAt(), order.createdAt());
        }
    }

    record ScheduledTransferList(List<ScheduledTransferView> data) {
    }

    record RunView(int occurrence, Instant at, Instant ranAt, String status, @Nullable String transferId,
            @Nullable String code) {
    }

    record RunList(List<RunView> data) {
    }

    @Operation(operationId = "createScheduledTransfer", summary = "Schedule a transfer: once, or repeating")
    @Refuses(status = 404, codes = "not_found")
    @Refuses(status = 409, codes = "too_many_schedules")
    @Refuses(status = 422, codes = {"invalid_schedule", "same_account", "currency_mismatch"})
    @PostMapping("/api/v1/scheduled-transfers")
    @ResponseStatus(HttpStatus.CREATED)
    ScheduledTransferView create(@AuthenticationPrincipal CofferPrincipal principal,
            @Valid @RequestBody ScheduledTransferRequest body) {
        return ScheduledTransferView.of(service.create(principal.userId(), new StandingOrderService.NewOrder(
                body.fromAccountId(), body.toAccountId(), body.amount(), body.currency(), body.description(),
                startAt(body.startAt()), body.interval(), body.count())));
    }

    private static Instant startAt(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeException e) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid_schedule",
                    "startAt is not a valid time: " + text);
        }
    }

    @Operation(operationId = "listScheduledTransfers", summary = "The caller's standing orders, newest first")
    @GetMapping("/api/v1/scheduled-transfers")
    ScheduledTransferList list(@AuthenticationPrincipal CofferPrincipal principal) {
        return new ScheduledTransferList(service.list(principal.userId()).stream().map(ScheduledTransferView::of)
                .toList());
    }

    @Operation(operationId = "cancelScheduledTransfer", summary = "Cancel a standing order (no further runs)")
    @DeleteMapping("/api/v1/scheduled-transfers/{id}")
    ScheduledTransferView cancel(@AuthenticationPrincipal CofferPrincipal principal,
            @PathVariable @IdOf("st") String id) {
        return ScheduledTransferView.of(service.cancel(principal.userId(), id));
    }

    @Operation(operationId = "listScheduledTransferRuns", summary = "A standing order's runs, newest first")
    @GetMapping("/api/v1/scheduled-transfers/{id}/runs")
    RunList runs(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable @IdOf("st") String id) {
        return new RunList(service.runs(principal.userId(), id).stream()
                .map(run -> new RunView(run.occurrence(), run.dueAt(), run.ranAt(), run.status(), run.transferId(),
                        run.code()))
                .toList());
    }
}
