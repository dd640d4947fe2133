package dev.coffer.reconciliation.matching;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Pairs statement lines with ledger entries, one-to-one, deterministically: the same inputs always give the same
 * pairs, whatever order the caller passes them in. Amounts are compared in the bank's view (a deposit is money that
 * arrived at the bank, a positive line), and a pair always has the same amount and direction: a reference alone
 * never pairs a 100.00 line with a 60.00 entry.
 *
 * <ol>
 * <li><b>reference</b>: the line's reference equals the transfer's id or its deposit/withdrawal reference, dates at
 *     most {@value #REFERENCE_WINDOW_DAYS} days apart;
 * <li><b>amount_date</b>: then, among what is left, same amount with dates at most {@value #AMOUNT_WINDOW_DAYS} days
 *     apart.
 * </ol>
 * Within each rule the candidate pairs are taken greedily in one total order: a transfer-id reference before a
 * free-text one, then the smaller date difference, then line number, then entry order. So the closest candidate wins,
 * ties break the same way every time, and a taken line or entry is never taken again.
 */
public final class Matcher {

    public static final int REFERENCE_WINDOW_DAYS = 7;
    public static final int AMOUNT_WINDOW_DAYS = 2;

    private Matcher() {
    }

    /** A statement line to match: {@code amount} signed, bank's view. */
    public record Line(String id, int lineNo, long amount, LocalDate date, String reference) {
    }

    /** A ledger entry to match: {@code amount} signed in the bank's view, {@code order} its place in the ledger. */
    public record Entry(String transferId, long amount, LocalDate date, String reference, long order) {
    }

    public record Pair(Line line, Entry entry, MatchRule rule) {
    }

    private record Candidate(Line line, Entry entry, int strength, long days) {
    }

    private static final Comparator<Candidate> ORDER = Comparator.comparingInt(Candidate::strength)
            .thenComparingLong(Candidate::days)
            .thenComparingInt(c -> c.line().lineNo())
            .thenComparingLong(c -> c.entry().order())
            .thenComparing(c -> c.entry().transferId());

    public static List<Pair> match(List<Line> lines, List<Entry> entries) {
        var takenLines = new HashSet<String>();
        var takenEntries = new HashSet<String>();
        var pairs = new ArrayList<Pair>();
        take(referenceCandidates(lines, entries), MatchRule.REFERENCE, takenLines, takenEntries, pairs);
        var rest = lines.stream().filter(l -> !takenLines.contains(l.id())).toList();
        take(amountCandidates(rest, entries, takenEntries), MatchRule.AMOUNT_DATE, takenLines, takenEntries, pairs);
        pairs.sort(Comparator.comparingInt(p -> p.line().lineNo()));
        return pairs;
    }

    private static void take(List<Candidate> candidates, MatchRule rule, HashSet<String> takenLines,
            HashSet<String> takenEntries, List<Pair> pairs) {
        candidates.sort(ORDER);
        for (var candidate : candidates) {
            if (!takenLines.contains(candidate.line().id())
                    && !takenEntries.contains(candidate.entry().transferId())) {
                takenLines.add(candidate.line().id());
                takenEntries.add(candidate.entry().transferId());
                pairs.add(new Pair(candidate.line(), candidate.entry(), rule));
            }
        }
    }

    private static List<Candidate> referenceCandidates(List<Line> lines, List<Entry> entries) {
        var byTransferId = new HashMap<String, List<Entry>>();
        var byReference = new HashMap<String, List<Entry>>();
        for (var entry : entries) {
            byTransferId.computeIfAbsent(entry.transferId(), k -> new ArrayList<>()).add(entry);
            if (entry.reference() != null) {
                byReference.computeIfAbsent(entry.reference(), k -> new ArrayList<>()).add(entry);
            }
        }
        var out = new ArrayList<Candidate>();
        for (var line : lines) {
            if (line.reference() == null) {
                continue;
            }
            add(out, line, byTransferId.getOrDefault(line.reference(), List.of()), 0, REFERENCE_WINDOW_DAYS);
            add(out, line, byReference.getOrDefault(line.reference(), List.of()), 1, REFERENCE_WINDOW_DAYS);
        }
        return out;
    }

    private static List<Candidate> amountCandidates(List<Line> lines, List<Entry> entries, HashSet<String> taken) {
        Map<Long, List<Entry>> byAmount = new HashMap<>();
        for (var entry : entries) {
            if (!taken.contains(entry.transferId())) {
                byAmount.computeIfAbsent(entry.amount(), k -> new ArrayList<>()).add(entry);
            }
        }
        var out = new ArrayList<Candidate>();
        for (var line : lines) {
            add(out, line, byAmount.getOrDefault(line.amount(), List.of()), 0, AMOUNT_WINDOW_DAYS);
        }
        return out;
    }

    private static void add(List<Candidate> out, Line line, List<Entry> entries, int strength, int windowDays) {
        for (var entry : entries) {
            long days = Math.abs(ChronoUnit.DAYS.between(line.date(), entry.date()));
            if (entry.amount() == line.amount() && days <= windowDays) {
                out.add(new Candidate(Objects.requireNonNull(line), entry, strength, days));
            }
        }
    }
}
