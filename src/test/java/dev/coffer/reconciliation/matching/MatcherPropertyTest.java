package dev.coffer.reconciliation.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Property: a statement made from a generated ledger with noise (dropped lines, extra lines, dates shifted within
 * and beyond the window, split references, made-up references) is matched exactly: every true pair, no false pair,
 * the rest left over for the queue; and the same inputs in any order give the same pairs. Amounts are unique per
 * case, so "the true pair" is well defined. Seeded: a failure prints its seed; {@code -Dcoffer.seed=} replays it.
 */
class MatcherPropertyTest {

    private static final LocalDate START = LocalDate.parse("2026-11-01");

    private record Case(List<Matcher.Line> lines, List<Matcher.Entry> entries, Set<String> expected) {
    }

    @Test
    void generatedStatementsMatchExactlyTheirTruePairs() {
        var replay = Long.getLong("coffer.seed");
        long base = replay != null ? replay : System.nanoTime();
        int cases = replay != null ? 1 : 300;
        for (int i = 0; i < cases; i++) {
            long seed = base + i;
            var c = generate(new Random(seed));
            var pairs = Matcher.match(c.lines(), c.entries());
            assertThat(keys(pairs)).as("seed %d (replay with -Dcoffer.seed=%d)", seed, seed)
                    .containsExactlyInAnyOrderElementsOf(c.expected());
            var shuffledLines = new ArrayList<>(c.lines());
            var shuffledEntries = new ArrayList<>(c.entries());
            Collections.shuffle(shuffledLines, new Random(seed * 31));
            Collections.shuffle(shuffledEntries, new Random(seed * 17));
            assertThat(keys(Matcher.match(shuffledLines, shuffledEntries))).as("seed %d: order-independent", seed)
                    .isEqualTo(keys(pairs));
        }
    }

    @Test
    void ambiguityIsSettledByTheClosestDateThenLineThenEntryOrder() {
        var day = START.plusDays(10);
        var early = new Matcher.Entry("tr_early", 500, day.minusDays(2), null, 1);
        var exact = new Matcher.Entry("tr_exact", 500, day, null, 2);
        var line1 = new Matcher.Line("l1", 1, 500, day, null);
        var line2 = new Matcher.Line("l2", 2, 500, day, null);
        var line3 = new Matcher.Line("l3", 3, 500, day, null);
        assertThat(keys(Matcher.match(List.of(line3, line2, line1), List.of(exact, early))))
                .containsExactly("l1>tr_exact:AMOUNT_DATE", "l2>tr_early:AMOUNT_DATE");
        // A transfer id beats a free-text reference, which beats amount and date alone.
        var byRef = new Matcher.Entry("tr_ref", 500, day.plusDays(5), "INV-9", 3);
        var byId = new Matcher.Entry("tr_id", 500, day.plusDays(6), "INV-9", 4);
        assertThat(keys(Matcher.match(List.of(new Matcher.Line("a", 1, 500, day, "tr_id"),
                new Matcher.Line("b", 2, 500, day, "INV-9")), List.of(exact, byRef, byId))))
                .containsExactly("a>tr_id:REFERENCE", "b>tr_ref:REFERENCE");
    }

    private static Case generate(Random random) {
        var used = new HashSet<Long>();
        var entries = new ArrayList<Matcher.Entry>();
        var lines = new ArrayList<Matcher.Line>();
        var expected = new HashSet<String>();
        int count = 1 + random.nextInt(120);
        for (int i = 0; i < count; i++) {
            long amount = unique(random, used);
            var date = START.plusDays(random.nextInt(30));
            var reference = random.nextBoolean() ? "REF-" + i : null;
            var entry = new Matcher.Entry("tr_" + i, amount, date, reference, i + 1);
            entries.add(entry);
            fate(random, entry, lines, expected, used);
        }
        for (int extra = random.nextInt(10); extra > 0; extra--) {
            lines.add(line(lines, unique(random, used), START.plusDays(random.nextInt(30)),
                    random.nextBoolean() ? "tr_unknown" + extra : null));
        }
        Collections.shuffle(lines, random);
        var numbered = new ArrayList<Matcher.Line>();
        for (int n = 0; n < lines.size(); n++) {
            var l = lines.get(n);
            numbered.add(new Matcher.Line(l.id(), n + 1, l.amount(), l.date(), l.reference()));
        }
        return new Case(numbered, entries, expected);
    }

    /** What the bank's statement shows for one entry, and which pair (if any) that must produce. */
    private static void fate(Random random, Matcher.Entry entry, List<Matcher.Line> lines, Set<String> expected,
            Set<Long> used) {
        int roll = random.nextInt(10);
        var nearDate = entry.date().plusDays(random.nextInt(2 * Matcher.AMOUNT_WINDOW_DAYS + 1)
                - Matcher.AMOUNT_WINDOW_DAYS);
        var farDate = entry.date().plusDays((random.nextBoolean() ? 1 : -1)
                * (Matcher.AMOUNT_WINDOW_DAYS + 1 + random.nextInt(Matcher.REFERENCE_WINDOW_DAYS
                        - Matcher.AMOUNT_WINDOW_DAYS)));
        if (roll < 4) { // on the statement, near its date, with whatever reference the bank kept
            var reference = switch (random.nextInt(4)) {
                case 0 -> entry.transferId();
                case 1 -> entry.reference();
                case 2 -> "payment " + random.nextInt(1000);
                default -> null;
            };
            var line = line(lines, entry.amount(), nearDate, reference);
            boolean byReference = reference != null
                    && (reference.equals(entry.transferId()) || reference.equals(entry.reference()));
            expected.add(line.id() + ">" + entry.transferId() + ":" + (byReference ? "REFERENCE" : "AMOUNT_DATE"));
        } else if (roll < 5) { // booked days later, but carrying the transfer id: the reference still pairs them
            var line = line(lines, entry.amount(), farDate, entry.transferId());
            expected.add(line.id() + ">" + entry.transferId() + ":REFERENCE");
        } else if (roll < 6) { // booked days later with no usable reference: both stay in the queue
            line(lines, entry.amount(), farDate, random.nextBoolean() ? null : "unrelated");
        } else if (roll < 7 && Math.abs(entry.amount()) > 1) { // split in two lines with one reference: no pair
            long first = entry.amount() / 2;
            if (used.add(first) && used.add(entry.amount() - first)) {
                line(lines, first, nearDate, entry.transferId());
                line(lines, entry.amount() - first, nearDate, entry.transferId());
            }
        } // else: dropped from the statement
    }

    private static Matcher.Line line(List<Matcher.Line> lines, long amount, LocalDate date, String reference) {
        var line = new Matcher.Line("l" + lines.size(), lines.size() + 1, amount, date, reference);
        lines.add(line);
        return line;
    }

    private static long unique(Random random, Set<Long> used) {
        while (true) {
            long amount = (1 + random.nextInt(1_000_000)) * (random.nextBoolean() ? 1L : -1L);
            if (used.add(amount)) {
                return amount;
            }
        }
    }

    private static List<String> keys(List<Matcher.Pair> pairs) {
        return pairs.stream().map(p -> p.line().id() + ">" + p.entry().transferId() + ":" + p.rule())
                .sorted().collect(Collectors.toList());
    }
}
