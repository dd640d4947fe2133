package dev.coffer.ledger.history;

import dev.coffer.identity.Users;
import dev.coffer.ledger.account.Account;
import dev.coffer.platform.Money;
import dev.coffer.platform.db.ReplicaReads;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Writes an account statement as a PDF a customer can file: the holder, the account, the period, the opening
 * balance, every entry (oldest first, with the balance after it), the closing balance and the totals. Rows stream
 * from the database in chunks (as for the CSV) and each page is laid out and closed as its rows arrive, into a
 * scratch-file stream cache: a 100,000-entry statement never holds its rows, or its pages' content, in memory.
 */
@Component
public class StatementPdfWriter {

    private static final int CHUNK = 500;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    /** Column x positions (points) on A4: date, description, counterparty, amount (right edge), balance (right). */
    private static final float DATE_X = PdfPages.MARGIN;
    private static final float TEXT_X = 140;
    private static final float PARTY_X = 300;
    private static final float AMOUNT_RIGHT = 465;
    private static final float BALANCE_RIGHT = 545;

    private final HistoryRepository history;
    private final HistoryService names;
    private final ReplicaReads reads;
    private final Users users;
    private final Clock clock;

    StatementPdfWriter(HistoryRepository history, HistoryService names, ReplicaReads reads, Users users, Clock clock) {
        this.history = history;
        this.names = names;
        this.reads = reads;
        this.users = users;
        this.clock = clock;
    }

    public void download(Account account, String from, String to, HttpServletResponse response) throws IOException {
        var range = TimeRange.parse(from, to);
        response.setContentType("application/pdf");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                "attachment; filename=\"statement-" + account.id() + ".pdf\"");
        write(account, range, response.getOutputStream());
    }

    void write(Account account, TimeRange range, OutputStream out) throws IOException {
        var holder = users.displayNames(List.of(account.ownerId())).getOrDefault(account.ownerId(), account.name());
        var start = range.hasStart() ? range.from() : account.createdAt();
        var end = range.hasEnd() ? range.to() : clock.instant();
        long upTo = account.entryCount();
        try (var document = new PDDocument(IOUtils.createTempFileOnlyStreamCache())) {
            var pages = new PdfPages(document, "Coffer statement " + account.id());
            var totals = reads.readInTransaction(db -> HistoryRepository.hasEntriesUpTo(db, account.id(), upTo), db -> {
                var numbers = history.numbersWithin(db, account.id(), upTo, range);
                var sums = new StatementTotals(OpeningBalance.of(db, account.id(), numbers, range, upTo));
                heading(pages, holder, account, start, end, sums.opening());
                var chunk = new ArrayList<HistoryRepository.RawRow>(CHUNK);
                history.range(db, account.id(), numbers, StatementWriter.MAX_ROWS, row -> {
                    chunk.add(row);
                    sums.add(row.amount());
                    if (chunk.size() == CHUNK) {
                        rows(pages, account, chunk);
                    }
                });
                rows(pages, account, chunk);
                return sums;
            });
            summary(pages, account, totals);
            pages.close();
            document.save(out);
        }
    }

    private void heading(PdfPages pages, String holder, Account account, Instant start, Instant end, long opening) {
        pages.ensureRoom(9);
        pages.text(PdfPages.BOLD, PdfPages.MARGIN, "Coffer - account statement", 0);
        pages.nextLine();
        pages.nextLine();
        for (var line : List.of("Account holder: " + holder,
                "Account: " + account.id() + " (" + account.name() + ", " + account.currency().code() + ")",
                "Period: " + TIME.format(start) + " to " + TIME.format(end) + " UTC",
                "Opening balance: " + money(opening, account))) {
            pages.text(PdfPages.REGULAR, PdfPages.MARGIN, line, 0);
            pages.nextLine();
        }
        pages.nextLine();
        columnHeads(pages);
    }

    private static void columnHeads(PdfPages pages) {
        pages.text(PdfPages.BOLD, DATE_X, "Date (UTC)", 0);
        pages.text(PdfPages.BOLD, TEXT_X, "Description", 0);
        pages.text(PdfPages.BOLD, PARTY_X, "Counterparty", 0);
        pages.text(PdfPages.BOLD, 0, "Amount", AMOUNT_RIGHT);
        pages.text(PdfPages.BOLD, 0, "Balance", BALANCE_RIGHT);
        pages.nextLine();
    }

    private void rows(PdfPages pages, Account account, List<HistoryRepository.RawRow> chunk) {
        for (var row : names.withNames(chunk, account.ownerId())) {
            if (pages.ensureRoom(1)) {
                columnHeads(pages);
            }
            var what = row.description() != null ? row.description()
                    : row.reference() != null ? row.kind() + " " + row.reference() : row.kind();
            pages.text(PdfPages.REGULAR, DATE_X, TIME.format(row.createdAt()), 0);
            pages.text(PdfPages.REGULAR, TEXT_X, PdfPages.fit(what, PARTY_X - TEXT_X - 8), 0);
            pages.text(PdfPages.REGULAR, PARTY_X, PdfPages.fit(row.counterparty().name(), 80), 0);
            pages.text(PdfPages.REGULAR, 0, money(row.amount(), account), AMOUNT_RIGHT);
            pages.text(PdfPages.REGULAR, 0, money(row.balanceAfter(), account), BALANCE_RIGHT);
            pages.nextLine();
        }
        chunk.clear();
    }

    private static void summary(PdfPages pages, Account account, StatementTotals totals) {
        pages.ensureRoom(6);
        pages.nextLine();
        for (var line : List.of("Closing balance: " + money(totals.closing(), account),
                "Total in: " + money(totals.credits(), account),
                "Total out: " + money(totals.debits(), account),
                "Entries: " + totals.entries())) {
            pages.text(PdfPages.BOLD, PdfPages.MARGIN, line, 0);
            pages.nextLine();
        }
    }

    /** "-12.50 EUR": the currency's own exponent, unambiguous for every currency. */
    static String money(long minor, Account account) {
        return Money.of(minor, account.currency()).format();
    }
}
