package dev.coffer.ledger.history;

import dev.coffer.ledger.account.Account;
import dev.coffer.platform.Money;
import dev.coffer.platform.db.ReplicaReads;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Writes an account statement as CSV (RFC 4180, UTF-8), oldest first, streamed from the database in chunks so a
 * long statement never sits in memory whole. Amounts are decimal major units ("12.50"), as spreadsheets expect.
 *
 * <p>After the header, the first row is the opening balance and the last the closing balance, in the same columns:
 * kind {@code opening_balance} (dated {@code from}, or the account's opening) with the balance in
 * {@code balance_after}; kind {@code closing_balance} (dated {@code to}, or the time of writing) with the period's net
 * movement in {@code amount} and the balance in {@code balance_after}, so opening + amount = closing. Entry rows keep
 * their columns as before.
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
        var totals = reads.readInTransaction(db -> HistoryRepository.hasEntriesUpTo(db, account.id(), upTo), db -> {
            var numbers = history.numbersWithin(db, account.id(), upTo, range);
            var sums = new StatementTotals(OpeningBalance.of(db, account.id(), numbers, range, upTo));
            balanceRow(csv, account, range.hasStart() ? range.from() : account.createdAt(), "opening_balance",
                    "Opening balance", "", sums.opening());
            history.range(db, account.id(), numbers, MAX_ROWS, row -> {
                chunk.add(row);
                sums.add(row.amount());
                if (chunk.size() == CHUNK) {
                    print(csv, account, chunk);
                }
            });
            return sums;
        });
        print(csv, account, chunk);
        balanceRow(csv, account, range.hasEnd() ? range.to() : java.time.Instant.now(), "closing_balance",
                "Closing balance", major(totals.net(), account), totals.closing());
        csv.flush();
    }

    private static void balanceRow(CSVPrinter csv, Account account, java.time.Instant at, String kind,
            String description, String amount, long balance) {
        try {
            csv.printRecord(at, "", kind, description, "", "", "", amount, major(balance, account),
                    account.currency().code());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String major(long minor, Account account) {
        return Money.of(minor, account.currency()).toMajor().toPlainString();
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
