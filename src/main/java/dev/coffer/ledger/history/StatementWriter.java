package dev.coffer.ledger.history;

import dev.coffer.ledger.account.Account;
import dev.coffer.platform.Money;
import dev.coffer.platform.db.ReplicaReads;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.csv.CSVFormat;
import org.springframework.http.HttpHeaders;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.stereotype.Component;

/**
 * Writes an account statement as CSV (RFC 4180, UTF-8), oldest first, streamed from the database in chunks so a
 * long statement never sits in memory whole. Amounts are decimal major units ("12.50"), as spreadsheets expect.
 */
@Component
public class StatementWriter {

    static final int MAX_ROWS = 100_000;
    private static final int CHUNK = 500;
    private static final String[] HEADER = {"date", "transfer_id", "kind", "description", "reference",
            "counterparty_account", "counterparty", "amount", "balance_after", "currency"};

    private final HistoryRepository history;
    private final HistoryService names;
    private final ReplicaReads reads;

    StatementWriter(HistoryRepository history, HistoryService names, ReplicaReads reads) {
        this.history = history;
        this.names = names;
        this.reads = reads;
    }

    /** Answers a statement download: CSV headers, a file name, and the rows for {@code from}/{@code to}. */
    public void download(Account account, String from, String to, HttpServletResponse response) throws IOException {
        var range = TimeRange.parse(from, to);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                "attachment; filename=\"statement-" + account.id() + ".csv\"");
        write(account, range, response.getOutputStream());
    }

    public void write(Account account, TimeRange range, OutputStream out) throws IOException {
        var writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        var csv = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setHeader(HEADER).get());
        var chunk = new ArrayList<HistoryRepository.RawRow>(CHUNK);
        // The account was read from the primary just now: its entry count bounds the statement on either database.
        long upTo = account.entryCount();
        reads.readInTransaction(db -> HistoryRepository.hasEntriesUpTo(db, account.id(), upTo), db -> {
            var numbers = history.numbersWithin(db, account.id(), upTo, range);
            history.range(db, account.id(), numbers, MAX_ROWS, row -> {
                chunk.add(row);
                if (chunk.size() == CHUNK) {
                    print(csv, account, chunk);
                }
            });
            return null;
        });
        print(csv, account, chunk);
        csv.flush();
    }

    private void print(CSVPrinter csv, Account account, List<HistoryRepository.RawRow> chunk) {
        try {
            for (var row : names.withNames(chunk)) {
                csv.printRecord(row.createdAt(), row.id(), row.kind(), row.description(), row.reference(),
                        row.counterparty().accountId(), row.counterparty().name(),
                        Money.of(row.amount(), account.currency()).toMajor().toPlainString(),
                        Money.of(row.balanceAfter(), account.currency()).toMajor().toPlainString(),
                        account.currency().code());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        chunk.clear();
    }
}
