package dev.coffer.reconciliation;

import dev.coffer.ledger.AccountSummary;
import dev.coffer.ledger.SettlementEntry;
import dev.coffer.ledger.SettlementLedger;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.Ids;
import dev.coffer.reconciliation.matching.Matcher;
import dev.coffer.reconciliation.statement.ParsedStatement;
import dev.coffer.reconciliation.store.ReconRepository;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports one parsed statement in one transaction: stores it and its lines, pairs the lines with the settlement
 * account's entries ({@link Matcher}), and records the entries of the statement's period that no line matched.
 *
 * <p>Which ledger entries are candidates: those created from {@value Matcher#REFERENCE_WINDOW_DAYS} days before the
 * first line's date to that long after the last (UTC days), minus those already paired or resolved. Which become
 * {@code ledger_entry} exceptions: the unmatched ones created within the statement's own period (its first to its
 * last booking date, whole UTC days): an entry just outside belongs to the neighbouring statement.
 */
@Component
class StatementImport {

    private final SettlementLedger ledger;
    private final ReconRepository store;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    StatementImport(SettlementLedger ledger, ReconRepository store, ApplicationEventPublisher events, Clock clock) {
        this.ledger = ledger;
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    ImportResult run(String adminId, AccountSummary account, ParsedStatement statement) {
        store.lockAccount(account.id());
        var existing = store.findStatement(account.id(), statement.format().dbName(), statement.externalId());
        if (existing.isPresent()) {
            var row = existing.get();
            return new ImportResult(row.id(), row.lineCount(), row.matchedCount(),
                    row.lineCount() - row.matchedCount(), true);
        }
        var now = clock.instant();
        var statementId = Ids.newId("rs");
        var candidates = candidates(account, statement);
        var lines = new ArrayList<Matcher.Line>();
        for (var line : statement.lines()) {
            lines.add(new Matcher.Line(Ids.newId("rsl"), line.lineNo(), line.amount(), line.bookingDate(),
                    line.reference()));
        }
        var pairs = Matcher.match(lines, candidates);
        store.insertStatement(statementId, account.id(), statement, pairs.size(), adminId, now);
        store.insertLines(statementId, account.id(), statement.currency().code(), newLines(statement, lines, pairs),
                now);
        var matchedTransfers = pairs.stream().map(p -> p.entry().transferId()).toList();
        store.closeEntryExceptionsMatched(matchedTransfers, adminId, now);
        store.insertEntryExceptions(account.id(), statementId, statement.currency().code(),
                unmatchedInPeriod(statement, candidates, new HashSet<>(matchedTransfers)), now);
        var audit = new ArrayList<ReconciliationEvent>();
        audit.add(new ReconciliationEvent.StatementImported(statementId, account.id(), adminId,
                statement.format().dbName(), lines.size(), pairs.size()));
        pairs.forEach(p -> audit.add(new ReconciliationEvent.LineMatched(p.line().id(), p.entry().transferId(),
                p.rule().dbName(), adminId)));
        events.publishEvent(new ReconciliationEvent.Changes(audit));
        return new ImportResult(statementId, lines.size(), pairs.size(), lines.size() - pairs.size(), false);
    }

    /** The settlement entries open to matching, in the bank's view (a deposit arrived: positive). */
    private List<Matcher.Entry> candidates(AccountSummary account, ParsedStatement statement) {
        var from = statement.firstDate().minusDays(Matcher.REFERENCE_WINDOW_DAYS);
        var to = statement.lastDate().plusDays(Matcher.REFERENCE_WINDOW_DAYS + 1);
        var entries = ledger.entries(account.id(), startOf(from), startOf(to), SettlementLedger.MAX_ENTRIES);
        if (entries.size() >= SettlementLedger.MAX_ENTRIES) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "statement_too_large",
                    "The statement's period holds too many ledger entries to match at once; import shorter periods");
        }
        var taken = store.taken(account.id(), entries.stream().map(SettlementEntry::transferId).toList());
        return entries.stream().filter(e -> !taken.contains(e.transferId()))
                .map(e -> new Matcher.Entry(e.transferId(), Math.negateExact(e.amount()),
                        LocalDate.ofInstant(e.createdAt(), ZoneOffset.UTC), e.reference(), e.entryNo()))
                .toList();
    }

    private static List<ReconRepository.NewLine> newLines(ParsedStatement statement, List<Matcher.Line> lines,
            List<Matcher.Pair> pairs) {
        var byLine = new HashMap<String, Matcher.Pair>();
        pairs.forEach(p -> byLine.put(p.line().id(), p));
        var out = new ArrayList<ReconRepository.NewLine>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            var pair = byLine.get(lines.get(i).id());
            out.add(new ReconRepository.NewLine(lines.get(i).id(), statement.lines().get(i),
                    pair == null ? null : pair.entry().transferId(), pair == null ? null : pair.rule().dbName()));
        }
        return out;
    }

    private static List<ReconRepository.EntryException> unmatchedInPeriod(ParsedStatement statement,
            List<Matcher.Entry> candidates, HashSet<String> matched) {
        return candidates.stream()
                .filter(e -> !matched.contains(e.transferId()))
                .filter(e -> !e.date().isBefore(statement.firstDate()) && !e.date().isAfter(statement.lastDate()))
                .map(e -> new ReconRepository.EntryException(Ids.newId("rse"), e))
                .toList();
    }

    private static java.time.Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
