package dev.coffer.reconciliation.statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.platform.ApiException;
import dev.coffer.reconciliation.StatementFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** camt.053.001.02 in the shapes banks send, and documents that must be refused before anything is stored. */
class Camt053ReaderTest {

    private final Camt053Reader reader = new Camt053Reader();

    @Test
    void theShippedSampleReadsLinePerTransactionWithBookingDatesAndOwnDirections() throws Exception {
        var statement = reader.read(Files.readAllBytes(Path.of("docs/samples/camt053-sample.xml")));
        assertThat(statement.format()).isEqualTo(StatementFormat.CAMT053);
        assertThat(statement.externalId()).isEqualTo("STMT-EUR-2026-11-30");
        assertThat(statement.currency().code()).isEqualTo("EUR");
        var day = LocalDate.parse("2026-11-30");
        assertThat(statement.lines()).containsExactly(
                new StatementLine(1, 10_000, day, "DEPOSIT-ALICE-1"),
                // A batch: one line per TxDtls with its own amount; NOTPROVIDED falls back to Ustrd.
                new StatementLine(2, 5_000, day, "DEPOSIT-BOB-7"),
                new StatementLine(3, 2_500, day, "DEPOSIT-CAROL-3"),
                new StatementLine(4, -2_000, day, "WITHDRAWAL-ALICE-2"),
                // A reversal keeps its own CdtDbtInd (DBIT) and its booking date, not the value date.
                new StatementLine(5, -1_250, day, "RETURN OF DEPOSIT-DAVE-9"));
    }

    @Test
    void aBookingDateTimeAndAMissingBookingDateFallBackSensibly() {
        var statement = reader.read(document("JPY", """
                <Ntry><Amt Ccy="JPY">500</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts>
                  <BookgDt><DtTm>2026-11-29T23:30:00+09:00</DtTm></BookgDt><ValDt><Dt>2026-12-02</Dt></ValDt></Ntry>
                <Ntry><Amt Ccy="JPY">700</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
                  <ValDt><Dt>2026-12-03</Dt></ValDt>
                  <NtryDtls><TxDtls><Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs></TxDtls></NtryDtls></Ntry>
                """));
        assertThat(statement.lines()).containsExactly(
                new StatementLine(1, -500, LocalDate.parse("2026-11-29"), null),
                new StatementLine(2, 700, LocalDate.parse("2026-12-03"), null));
    }

    @Test
    void threeDecimalCurrenciesAndInstructedAmountsInBatches() {
        var statement = reader.read(document("BHD", """
                <Ntry><Amt Ccy="BHD">1.500</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
                  <BookgDt><Dt>2026-11-30</Dt></BookgDt>
                  <NtryDtls>
                    <TxDtls><Refs><EndToEndId>A</EndToEndId></Refs><AmtDtls><InstdAmt><Amt Ccy="BHD">1.000</Amt></InstdAmt></AmtDtls></TxDtls>
                    <TxDtls><Refs><EndToEndId>B</EndToEndId></Refs><AmtDtls><TxAmt><Amt Ccy="BHD">0.500</Amt></TxAmt></AmtDtls></TxDtls>
                  </NtryDtls></Ntry>
                """));
        assertThat(statement.lines()).extracting(StatementLine::amount).containsExactly(1_000L, 500L);
        assertThat(statement.lines()).extracting(StatementLine::reference).containsExactly("A", "B");
    }

    @Test
    void refusesWhatIsNotASoundStatement() {
        var entry = "<Ntry><Amt Ccy=\"EUR\">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>"
                + "<BookgDt><Dt>2026-11-30</Dt></BookgDt></Ntry>";
        refused(document("EUR", "<Ntry><Amt Ccy=\"EUR\">1.005</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>"
                + "<BookgDt><Dt>2026-11-30</Dt></BookgDt></Ntry>"));
        refused(document("EUR", "<Ntry><Amt Ccy=\"EUR\">3.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>"
                + "<BookgDt><Dt>2026-11-30</Dt></BookgDt><NtryDtls>"
                + "<TxDtls><AmtDtls><TxAmt><Amt Ccy=\"EUR\">1.00</Amt></TxAmt></AmtDtls></TxDtls>"
                + "<TxDtls><AmtDtls><TxAmt><Amt Ccy=\"EUR\">1.00</Amt></TxAmt></AmtDtls></TxDtls>"
                + "</NtryDtls></Ntry>"));
        refused(document("EUR", "<Ntry><Amt Ccy=\"USD\">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>"
                + "<BookgDt><Dt>2026-11-30</Dt></BookgDt></Ntry>"));
        refused(document("EUR", "<Ntry><Amt Ccy=\"EUR\">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>PDNG</Sts>"
                + "<BookgDt><Dt>2026-11-30</Dt></BookgDt></Ntry>"));
        refused(text("EUR", entry).replace("</Stmt>", "</Stmt><Stmt><Id>TWO</Id></Stmt>").getBytes(StandardCharsets.UTF_8));
        refused(text("EUR", entry).replace("<Id>S-1</Id>", "").getBytes(StandardCharsets.UTF_8));
        refused(text("EUR", entry).substring(0, 300).getBytes(StandardCharsets.UTF_8));
        refused("<html><body>not a statement</body></html>".getBytes(StandardCharsets.UTF_8));
        refused(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
    }

    @Test
    void refusesEveryDocumentTypeDeclarationSoNoEntityIsEverResolved() {
        var xxe = """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE Document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt><Id>&xxe;</Id>
                </Stmt></BkToCstmrStmt></Document>
                """;
        var billionLaughs = """
                <?xml version="1.0"?>
                <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
                <Document>&lol2;</Document>
                """;
        var externalDtd = """
                <?xml version="1.0"?>
                <!DOCTYPE Document SYSTEM "http://127.0.0.1:1/evil.dtd">
                <Document/>
                """;
        for (var attack : new String[] {xxe, billionLaughs, externalDtd}) {
            assertThatThrownBy(() -> reader.read(attack.getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.code()).isEqualTo("invalid_statement");
                        assertThat(e.getMessage()).contains("Document type declarations");
                    });
        }
    }

    private void refused(byte[] xml) {
        assertThatThrownBy(() -> reader.read(xml)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo("invalid_statement"));
    }

    static byte[] document(String currency, String entries) {
        return text(currency, entries).getBytes(StandardCharsets.UTF_8);
    }

    static String text(String currency, String entries) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
                <BkToCstmrStmt><GrpHdr><MsgId>M-1</MsgId><CreDtTm>2026-12-01T06:00:00Z</CreDtTm></GrpHdr>
                <Stmt><Id>S-1</Id><CreDtTm>2026-12-01T06:00:00Z</CreDtTm>
                <Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>%s</Ccy></Acct>
                %s
                </Stmt></BkToCstmrStmt></Document>
                """.formatted(currency, entries);
    }
}
