package dev.coffer.reconciliation.statement;

import dev.coffer.platform.CurrencyCode;
import dev.coffer.reconciliation.StatementFormat;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV statement (RFC 4180, UTF-8): the header row {@code date,amount,currency,reference}, then one line per
 * row with an ISO date ({@code 2026-11-24}), an amount in major units with its sign ({@code 12.50} arrived,
 * {@code -3.00} left), the currency, and an optional reference. Its idempotency id is the SHA-256 of its bytes.
 */
public final class CsvStatementReader {

    private static final List<String> HEADER = List.of("date", "amount", "currency", "reference");
    private static final Pattern AMOUNT = Pattern.compile("[+-]?\\d{1,16}(\\.\\d{1,4})?");

    public ParsedStatement read(byte[] bytes) {
        var text = utf8(bytes);
        List<CSVRecord> records;
        try (var parser = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get().parse(new StringReader(text))) {
            records = parser.getRecords();
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw StatementLimits.invalid("Not valid CSV");
        }
        if (records.isEmpty() || !header(records.getFirst())) {
            throw StatementLimits.invalid("The first row must be the header date,amount,currency,reference");
        }
        StatementLimits.requireLineCount(records.size() - 1);
        CurrencyCode currency = null;
        var lines = new ArrayList<StatementLine>();
        for (var record : records.subList(1, records.size())) {
            var where = "Row " + (record.getRecordNumber());
            if (record.size() != HEADER.size()) {
                throw StatementLimits.invalid(where + ": expected 4 fields, found " + record.size());
            }
            var rowCurrency = CurrencyCode.parse(record.get(2).strip()).orElseThrow(() -> StatementLimits.invalid(
                    where + ": unknown currency " + record.get(2)));
            if (currency != null && !currency.equals(rowCurrency)) {
                throw StatementLimits.invalid(where + ": one statement has one currency");
            }
            currency = rowCurrency;
            lines.add(new StatementLine(lines.size() + 1, amount(record.get(1), currency, where), date(record.get(0),
                    where), StatementLimits.reference(record.get(3), where)));
        }
        if (lines.isEmpty()) {
            throw StatementLimits.invalid("The statement has no lines");
        }
        return new ParsedStatement(StatementFormat.CSV, sha256(bytes), currency, lines);
    }

    private static boolean header(CSVRecord first) {
        if (first.size() != HEADER.size()) {
            return false;
        }
        for (int i = 0; i < HEADER.size(); i++) {
            var name = first.get(i).strip().replace("\uFEFF", "");
            if (!HEADER.get(i).equalsIgnoreCase(name)) {
                return false;
            }
        }
        return true;
    }

    private static long amount(String raw, CurrencyCode currency, String where) {
        var text = raw.strip();
        if (!AMOUNT.matcher(text).matches()) {
            throw StatementLimits.invalid(where + ": the amount must look like 12.50 or -3.00");
        }
        long minor = StatementLimits.minorUnits(new BigDecimal(text), currency, where);
        if (minor == 0) {
            throw StatementLimits.invalid(where + ": the amount must not be zero");
        }
        return minor;
    }

    private static LocalDate date(String raw, String where) {
        try {
            return LocalDate.parse(raw.strip());
        } catch (DateTimeParseException e) {
            throw StatementLimits.invalid(where + ": the date must look like 2026-11-24");
        }
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw StatementLimits.invalid("The CSV must be UTF-8");
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }
}
