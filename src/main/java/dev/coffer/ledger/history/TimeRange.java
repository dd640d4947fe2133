package dev.coffer.ledger.history;

import dev.coffer.platform.ApiException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.springframework.http.HttpStatus;

/**
 * A {@code from}/{@code to} filter: each an RFC 3339 time ({@code 2026-11-24T10:00:00Z}) or a date
 * ({@code 2026-11-24}, UTC). {@code from} is inclusive; {@code to} is exclusive for a time and includes the whole
 * day for a date, as people mean it ("statement to 30 November").
 */
public record TimeRange(Instant from, Instant to) {

    static final Instant BEGINNING = Instant.parse("2000-01-01T00:00:00Z");
    static final Instant END = Instant.parse("9999-01-01T00:00:00Z");

    public static TimeRange parse(String from, String to) {
        var start = from == null || from.isBlank() ? BEGINNING : parse("from", from, false);
        var end = to == null || to.isBlank() ? END : parse("to", to, true);
        if (!start.isBefore(end)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_range", "'from' must be before 'to'");
        }
        return new TimeRange(start, end);
    }

    /** False when no {@code from} was given: the range starts with the account's first entry. */
    public boolean hasStart() {
        return !from.equals(BEGINNING);
    }

    /** False when no {@code to} was given: the range ends with the account's newest entry. */
    public boolean hasEnd() {
        return !to.equals(END);
    }

    private static Instant parse(String name, String value, boolean endOfDay) {
        try {
            if (value.length() == 10) {
                var day = LocalDate.parse(value);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return java.time.OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_parameter",
                    "'" + name + "' must be an RFC 3339 time such as 2026-11-24T10:00:00Z or a date such as 2026-11-24");
        }
    }
}
