package dev.coffer.reconciliation.statement;

import com.prowidesoftware.swift.model.mx.MxCamt05300102;
import com.prowidesoftware.swift.model.mx.dic.AccountStatement2;
import com.prowidesoftware.swift.model.mx.dic.ActiveOrHistoricCurrencyAndAmount;
import com.prowidesoftware.swift.model.mx.dic.CreditDebitCode;
import com.prowidesoftware.swift.model.mx.dic.DateAndDateTimeChoice;
import com.prowidesoftware.swift.model.mx.dic.EntryStatus2Code;
import com.prowidesoftware.swift.model.mx.dic.EntryTransaction2;
import com.prowidesoftware.swift.model.mx.dic.ReportEntry2;
import dev.coffer.platform.CurrencyCode;
import dev.coffer.reconciliation.StatementFormat;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads an ISO 20022 camt.053.001.02 bank-to-customer statement into lines, with the JAXB model that Prowide
 * generates from the official schema, after {@link SafeXml} has refused DTDs and entities.
 *
 * <ul>
 * <li>Only booked entries ({@code Sts = BOOK}) are lines: pending and information-only entries have not moved money.
 * <li>Direction is the entry's own {@code CdtDbtInd}, also for a reversal ({@code RvslInd}), as the ISO 20022 usage
 *     note says: a reversed credit is reported as a debit already.
 * <li>Date: the booking date. It is when the bank put the money on the account, which is what the statement's
 *     balances and Coffer's own entries (stamped when posted) both reflect; the value date is the interest date and
 *     can lie days away (weekends, back-valuation). Only a missing booking date falls back to the value date.
 * <li>One {@code Ntry} with several {@code TxDtls} is one line per {@code TxDtls}, each with its own amount
 *     ({@code AmtDtls/TxAmt}, else {@code InstdAmt}); they must add up to the entry's amount.
 * <li>Reference: {@code Refs/EndToEndId} (unless the placeholder {@code NOTPROVIDED}), else the first
 *     {@code RmtInf/Ustrd}.
 * </ul>
 */
public final class Camt053Reader {

    private static final String NOT_PROVIDED = "NOTPROVIDED";

    public ParsedStatement read(byte[] xml) {
        SafeXml.requireSafe(xml);
        MxCamt05300102 mx;
        try {
            mx = MxCamt05300102.parse(new String(xml, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw StatementLimits.invalid("Not a camt.053.001.02 document");
        }
        if (mx == null || mx.getBkToCstmrStmt() == null || mx.getBkToCstmrStmt().getStmt().size() != 1) {
            throw StatementLimits.invalid("Expected a camt.053.001.02 document with exactly one Stmt");
        }
        var statement = mx.getBkToCstmrStmt().getStmt().getFirst();
        var id = statement.getId();
        if (id == null || id.isBlank() || id.length() > 100) {
            throw StatementLimits.invalid("Stmt/Id is required (at most 100 characters)");
        }
        var currency = currency(statement);
        var lines = new ArrayList<StatementLine>();
        int entryNo = 0;
        for (var entry : statement.getNtry()) {
            entryNo++;
            if (entry.getSts() == EntryStatus2Code.BOOK) {
                addLines(entry, entryNo, currency, lines);
                StatementLimits.requireLineCount(lines.size());
            }
        }
        if (lines.isEmpty()) {
            throw StatementLimits.invalid("The statement has no booked entries");
        }
        return new ParsedStatement(StatementFormat.CAMT053, id.strip(), currency, lines);
    }

    /** The account's currency ({@code Acct/Ccy}), else the first entry's. */
    private static CurrencyCode currency(AccountStatement2 statement) {
        var code = statement.getAcct() != null && statement.getAcct().getCcy() != null ? statement.getAcct().getCcy()
                : statement.getNtry().stream().map(ReportEntry2::getAmt).filter(Objects::nonNull)
                        .map(ActiveOrHistoricCurrencyAndAmount::getCcy).findFirst().orElse(null);
        return CurrencyCode.parse(code).orElseThrow(() -> StatementLimits.invalid(
                "The statement's currency (" + code + ") is not an ISO 4217 currency with minor units"));
    }

    private static void addLines(ReportEntry2 entry, int entryNo, CurrencyCode currency, List<StatementLine> out) {
        var where = "Ntry " + entryNo;
        if (entry.getCdtDbtInd() == null) {
            throw StatementLimits.invalid(where + ": CdtDbtInd is required");
        }
        long sign = entry.getCdtDbtInd() == CreditDebitCode.CRDT ? 1 : -1;
        long entryAmount = amount(entry.getAmt(), currency, where + "/Amt");
        var date = date(entry, where);
        var details = entry.getNtryDtls().stream().flatMap(d -> d.getTxDtls().stream()).toList();
        if (details.size() <= 1) {
            var only = details.isEmpty() ? null : details.getFirst();
            long amount = only == null || detailAmount(only) == null ? entryAmount
                    : amount(detailAmount(only), currency, where + "/TxDtls 1");
            out.add(new StatementLine(out.size() + 1, sign * amount, date, only == null ? null : reference(only,
                    where)));
            return;
        }
        long sum = 0;
        int n = 0;
        for (var detail : details) {
            n++;
            var amountOf = detailAmount(detail);
            if (amountOf == null) {
                throw StatementLimits.invalid(where + "/TxDtls " + n + ": a batched entry needs each TxDtls amount");
            }
            long amount = amount(amountOf, currency, where + "/TxDtls " + n);
            sum = Math.addExact(sum, amount);
            out.add(new StatementLine(out.size() + 1, sign * amount, date, reference(detail, where)));
        }
        if (sum != entryAmount) {
            throw StatementLimits.invalid(where + ": its TxDtls amounts do not add up to the entry's Amt");
        }
    }

    private static ActiveOrHistoricCurrencyAndAmount detailAmount(EntryTransaction2 detail) {
        var amounts = detail.getAmtDtls();
        if (amounts == null) {
            return null;
        }
        if (amounts.getTxAmt() != null && amounts.getTxAmt().getAmt() != null) {
            return amounts.getTxAmt().getAmt();
        }
        return amounts.getInstdAmt() == null ? null : amounts.getInstdAmt().getAmt();
    }

    private static long amount(ActiveOrHistoricCurrencyAndAmount amount, CurrencyCode currency, String where) {
        if (amount == null || amount.getValue() == null) {
            throw StatementLimits.invalid(where + ": the amount is required");
        }
        if (!currency.code().equals(amount.getCcy())) {
            throw StatementLimits.invalid(where + ": amount in " + amount.getCcy() + ", the statement is in "
                    + currency.code());
        }
        if (amount.getValue().signum() <= 0) {
            throw StatementLimits.invalid(where + ": amounts are positive; CdtDbtInd gives the direction");
        }
        return StatementLimits.minorUnits(amount.getValue(), currency, where);
    }

    private static LocalDate date(ReportEntry2 entry, String where) {
        var date = day(entry.getBookgDt());
        if (date == null) {
            date = day(entry.getValDt());
        }
        if (date == null) {
            throw StatementLimits.invalid(where + ": BookgDt (or ValDt) is required");
        }
        return date;
    }

    /** The date as the bank wrote it (a date-time keeps its own offset's calendar day). */
    private static LocalDate day(DateAndDateTimeChoice choice) {
        if (choice == null) {
            return null;
        }
        return choice.getDt() != null ? choice.getDt() : choice.getDtTm() == null ? null
                : choice.getDtTm().toLocalDate();
    }

    private static String reference(EntryTransaction2 detail, String where) {
        var refs = detail.getRefs();
        if (refs != null && refs.getEndToEndId() != null && !refs.getEndToEndId().isBlank()
                && !NOT_PROVIDED.equals(refs.getEndToEndId().strip())) {
            return StatementLimits.reference(refs.getEndToEndId(), where + "/EndToEndId");
        }
        if (detail.getRmtInf() == null) {
            return null;
        }
        return detail.getRmtInf().getUstrd().stream().filter(u -> u != null && !u.isBlank()).findFirst()
                .map(u -> StatementLimits.reference(u, where + "/Ustrd")).orElse(null);
    }
}
