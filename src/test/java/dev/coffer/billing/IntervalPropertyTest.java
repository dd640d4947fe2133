package dev.coffer.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Occurrences counted from the anchor (Stripe's billing anchor): seeded random anchors, intervals and counts; the
 * month ends and leap years by name. Prints the seed on failure.
 */
class IntervalPropertyTest {

    @Test
    void monthEndsClampAndReturnToTheAnchorDay() {
        var jan31 = Instant.parse("2027-01-31T09:30:00Z");
        assertThat(Interval.MONTH.occurrence(jan31, 1, 1)).isEqualTo(Instant.parse("2027-02-28T09:30:00Z"));
        assertThat(Interval.MONTH.occurrence(jan31, 1, 2)).isEqualTo(Instant.parse("2027-03-31T09:30:00Z"));
        assertThat(Interval.MONTH.occurrence(jan31, 1, 3)).isEqualTo(Instant.parse("2027-04-30T09:30:00Z"));
        var leapJan31 = Instant.parse("2028-01-31T00:00:00Z");
        assertThat(Interval.MONTH.occurrence(leapJan31, 1, 1)).isEqualTo(Instant.parse("2028-02-29T00:00:00Z"));
        var leapDay = Instant.parse("2028-02-29T12:00:00Z");
        assertThat(Interval.YEAR.occurrence(leapDay, 1, 1)).isEqualTo(Instant.parse("2029-02-28T12:00:00Z"));
        assertThat(Interval.YEAR.occurrence(leapDay, 1, 4)).isEqualTo(Instant.parse("2032-02-29T12:00:00Z"));
        assertThat(Interval.MONTH.occurrence(jan31, 3, 1)).isEqualTo(Instant.parse("2027-04-30T09:30:00Z"));
        assertThat(Interval.WEEK.occurrence(jan31, 2, 1)).isEqualTo(Instant.parse("2027-02-14T09:30:00Z"));
    }

    @Test
    void occurrencesAreIncreasingAnchoredAndNeverDrift() {
        long seed = System.nanoTime();
        var random = new Random(seed);
        for (int c = 0; c < 5_000; c++) {
            var anchor = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(random.nextLong(0, 4L * 365 * 86_400));
            var interval = Interval.values()[random.nextInt(Interval.values().length)];
            int count = 1 + random.nextInt(12);
            var context = "seed " + seed + ", case " + c + ": " + anchor + " every " + count + " " + interval.word();
            var previous = anchor;
            assertThat(interval.occurrence(anchor, count, 0)).as(context).isEqualTo(anchor);
            for (int n = 1; n <= 30; n++) {
                var at = interval.occurrence(anchor, count, n);
                assertThat(at).as(context + ", n " + n).isAfter(previous);
                var day = at.atOffset(ZoneOffset.UTC);
                var anchorDay = anchor.atOffset(ZoneOffset.UTC);
                assertThat(day.toLocalTime()).as(context).isEqualTo(anchorDay.toLocalTime());
                if (interval == Interval.MONTH || interval == Interval.YEAR) {
                    // The anchor's day of month, or the month's last day when the month is shorter.
                    var month = YearMonth.from(day);
                    int expected = Math.min(anchorDay.getDayOfMonth(), month.lengthOfMonth());
                    assertThat(day.getDayOfMonth()).as(context + ", n " + n).isEqualTo(expected);
                    long months = (long) n * count * (interval == Interval.YEAR ? 12 : 1);
                    assertThat(month).as(context).isEqualTo(YearMonth.from(anchorDay).plusMonths(months));
                } else {
                    long days = (long) n * count * (interval == Interval.WEEK ? 7 : 1);
                    assertThat(LocalDate.from(day)).as(context).isEqualTo(LocalDate.from(anchorDay).plusDays(days));
                }
                previous = at;
            }
        }
    }
}
