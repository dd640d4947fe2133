package dev.coffer.payments.payment;

import dev.coffer.platform.ApiException;
import dev.coffer.platform.Ids;
import jakarta.annotation.Nullable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import org.springframework.http.HttpStatus;

/**
 * Which of a merchant's payments a list shows: one status or all, created in {@code [from, to)}, older than the
 * keyset {@code (before, beforeId)} (the cursor of the page before). Built from what people type ({@link #parse}).
 */
public record PaymentQuery(@Nullable String status, Instant from, Instant to, Instant before, String beforeId) {

    public static final List<String> STATUSES = List.of(Payment.REQUIRES_CAPTURE, Payment.SUCCEEDED,
            Payment.CANCELED);
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-01-01T00:00:00Z");
    /** Sorts after every id at the same instant: no cursor means "from the newest". */
    private static final String AFTER_EVERY_ID = "~";

    public static final PaymentQuery ALL = new PaymentQuery(null, EARLIEST, LATEST, LATEST, AFTER_EVERY_ID);

    public PaymentQuery {
        Objects.requireNonNull(from);
        Objects.requireNonNull(to);
        Objects.requireNonNull(before);
        Objects.requireNonNull(beforeId);
    }

    /**
     * The list's filters as typed or sent: a status (blank for all); {@code from} and {@code to} as days
     * {@code yyyy-mm-dd} (UTC, both days included) or RFC 3339 instants ({@code to} excluded), as the transactions
     * list takes them, blank for no bound; and the cursor a page handed out. Refuses what it cannot read (400).
     */
    public static PaymentQuery parse(String status, String fromDay, String toDay, String cursor) {
        var chosen = status == null || status.isBlank() ? null : status.strip();
        if (chosen != null && !STATUSES.contains(chosen)) {
            throw invalid("Choose a status from the list.");
        }
        var from = bound(fromDay, false).orElse(EARLIEST);
        var to = bound(toDay, true).orElse(LATEST);
        if (!from.isBefore(to)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_range", "The first day must not be after the last.");
        }
        if (cursor == null || cursor.isBlank()) {
            return new PaymentQuery(chosen, from, to, LATEST, AFTER_EVERY_ID);
        }
        var dot = cursor.indexOf('.');
        try {
            var micros = Long.parseLong(cursor.substring(0, Math.max(dot, 0)));
            var id = cursor.substring(dot + 1);
            if (dot < 1 || !Ids.looksLike(id, "pay")) {
                throw invalidCursor();
            }
            return new PaymentQuery(chosen, from, to, Instant.EPOCH.plus(micros, ChronoUnit.MICROS), id);
        } catch (NumberFormatException | ArithmeticException | java.time.DateTimeException e) {
            throw invalidCursor();
        }
    }

    /** The cursor of the page after the one that ends with this payment. */
    static String cursorAfter(Payment last) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, last.createdAt()) + "." + last.id();
    }

    /** A day (its start, or for the end of a range the next day's start) or an instant; empty when blank. */
    private static java.util.Optional<Instant> bound(String text, boolean endOfDay) {
        if (text == null || text.isBlank()) {
            return java.util.Optional.empty();
        }
        var value = text.strip();
        Instant at;
        try {
            if (value.length() == 10) {
                var day = LocalDate.parse(value);
                at = (endOfDay ? day.plusDays(1) : day).atStartOfDay().toInstant(ZoneOffset.UTC);
            } else {
                at = OffsetDateTime.parse(value).toInstant();
            }
        } catch (DateTimeParseException e) {
            throw invalid("Enter dates as yyyy-mm-dd (or RFC 3339 times).");
        }
        if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
            throw invalid("Enter a date between 1970 and 9000.");
        }
        return java.util.Optional.of(at);
    }

    private static ApiException invalid(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid_parameter", message);
    }

    private static ApiException invalidCursor() {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid_cursor", "The page link is not one this page made.");
    }
}
