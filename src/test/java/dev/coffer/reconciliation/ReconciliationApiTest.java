package dev.coffer.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.support.IntegrationTest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The reconciliation contract over HTTP: settlement accounts, imports (CSV and camt.053), idempotent re-import, the
 * exception queue and each resolution, every error code, and who may call. Each test works in its own currency, so
 * its settlement account holds only its own money whatever else runs in this JVM.
 */
class ReconciliationApiTest extends IntegrationTest {

    private ReconFixture fixture(String currency) {
        var admin = newUser("admin");
        grantRoles(admin.id(), "customer", "admin");
        var account = api.post("/api/v1/accounts").token(admin.token())
                .json(Map.of("currency", currency, "name", "Wallet")).send().json().path("id").asString();
        return new ReconFixture(api, admin, account, currency);
    }

    private String today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString();
    }

    @Test
    void aCsvStatementMatchesByReferenceThenAmountAndDateAndQueuesTheRest() {
        var f = fixture("CHF");
        var byReference = f.deposit(10_000, "DEP-CHF-1");
        var byAmount = f.deposit(5_000, null);
        var withdrawal = f.withdraw(2_000, "WD-CHF-1");
        var notAtTheBank = f.deposit(3_333, "NEVER-ARRIVED");
        var csv = "date,amount,currency,reference\n"
                + today() + ",100.00,CHF,DEP-CHF-1\n"
                + today() + ",50.00,CHF,some text the bank made up\n"
                + today() + ",-20.00,CHF," + withdrawal + "\n"
                + today() + ",7.77,CHF,\n";
        var imported = f.importStatement("text/csv", csv);
        assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
        assertThat(imported.json().path("id").asString()).startsWith("rs_");
        assertThat(imported.json().path("lines").asInt()).isEqualTo(4);
        assertThat(imported.json().path("matched").asInt()).isEqualTo(3);
        assertThat(imported.json().path("unmatched").asInt()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT matched_transfer_id || ':' || match_rule FROM recon_lines WHERE statement_id = ?"
                + " AND match_rule IS NOT NULL ORDER BY line_no").param(imported.json().path("id").asString())
                .query(String.class).list())
                .containsExactly(byReference + ":reference", byAmount + ":amount_date", withdrawal + ":reference");

        var queue = f.exceptions().json().path("data");
        assertThat(queue).hasSize(2);
        var line = find(queue, "statement_line");
        assertThat(line.path("amount").asLong()).isEqualTo(777);
        assertThat(line.path("currency").asString()).isEqualTo("CHF");
        assertThat(line.path("date").asString()).isEqualTo(today());
        assertThat(line.path("id").asString()).startsWith("rsl_");
        var entry = find(queue, "ledger_entry");
        assertThat(entry.path("transferId").asString()).isEqualTo(notAtTheBank);
        assertThat(entry.path("amount").asLong()).isEqualTo(3_333);
        assertThat(entry.path("reference").asString()).isEqualTo("NEVER-ARRIVED");

        // The same bytes again: nothing changes, the first answer comes back.
        long lines = count("recon_lines");
        var again = f.importStatement("text/csv", csv);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json()).isEqualTo(imported.json());
        assertThat(count("recon_lines")).isEqualTo(lines);
        assertThat(f.exceptions().json().path("data")).hasSize(2);
    }

    @Test
    void resolutionsLinkOrAdjustOnceAndTheBooksStillBalance() {
        var f = fixture("SEK");
        var late = f.deposit(4_200, null);
        f.importStatement("text/csv", "date,amount,currency,reference\n" + today() + ",99.00,SEK,X\n"
                + today() + ",-5.00,SEK,FEE\n" + today() + ",42.01,SEK,TYPO\n");
        var queue = f.exceptions().json().path("data");
        var lateEntry = exceptionFor(queue, "ledger_entry", 4_200);
        var credit = exceptionFor(queue, "statement_line", 9_900);
        var fee = exceptionFor(queue, "statement_line", -500);
        var typo = exceptionFor(queue, "statement_line", 4_201);

        assertThat(f.resolve(typo, Map.of("transferId", late)).code()).isEqualTo("amount_mismatch");
        assertThat(f.resolve(lateEntry, Map.of("transferId", late)).code()).isEqualTo("invalid_resolution");
        assertThat(f.resolve(credit, Map.of()).code()).isEqualTo("invalid_resolution");
        assertThat(f.resolve(credit, Map.of("adjust", true)).code()).isEqualTo("invalid_resolution");
        assertThat(f.resolve(credit, Map.of("adjust", true, "reference", "r", "transferId", late)).code())
                .isEqualTo("invalid_resolution");
        assertThat(f.resolve(credit, Map.of("adjust", "yes")).status()).isEqualTo(400);
        assertThat(f.resolve(credit, Map.of("transferId", "tr_doesnotexist0000000000000")).status()).isEqualTo(404);
        assertThat(f.resolve("rsl_doesnotexist000000000000", Map.of("adjust", true, "reference", "r")).status())
                .isEqualTo(404);
        assertThat(f.resolve("nonsense", Map.of("adjust", true, "reference", "r")).status()).isEqualTo(404);

        var linkable = f.deposit(9_900, null);
        var linked = f.resolve(credit, Map.of("transferId", linkable));
        assertThat(linked.status()).as(linked.toString()).isEqualTo(200);
        assertThat(linked.json().path("resolution").asString()).isEqualTo("manual");
        assertThat(f.resolve(credit, Map.of("transferId", linkable)).code()).isEqualTo("already_resolved");

        long settlementBefore = balance(f.settlementAccount());
        var adjustedFee = f.resolve(fee, Map.of("adjust", true, "reference", "Bank fee November"));
        assertThat(adjustedFee.status()).as(adjustedFee.toString()).isEqualTo(200);
        assertThat(adjustedFee.json().path("resolution").asString()).isEqualTo("adjustment");
        var adjustedEntry = f.resolve(lateEntry, Map.of("adjust", true, "reference", "Deposit never arrived"));
        assertThat(adjustedEntry.status()).as(adjustedEntry.toString()).isEqualTo(200);
        // The bank paid 5.00 out (fee): settlement +5.00; the 42.00 deposit never arrived: settlement +42.00 back.
        assertThat(balance(f.settlementAccount())).isEqualTo(settlementBefore + 500 + 4_200);
        assertThat(jdbc.sql("SELECT kind FROM transfers WHERE id = ?")
                .param(adjustedFee.json().path("transferId").asString()).query(String.class).single())
                .isEqualTo("withdrawal");
        assertThat(f.exceptions().json().path("data")).extracting(n -> n.path("id").asString()).containsExactly(typo);
        var verification = api.get("/api/v1/admin/ledger/verification").token(f.admin().token()).send().json();
        assertThat(verification.path("ok").asBoolean()).as(verification.toString()).isTrue();
        var audit = api.get("/api/v1/admin/audit?limit=100&type=reconciliation.exception_resolved")
                .token(f.admin().token()).send().json().path("data");
        assertThat(audit.size()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aLinkNeverUsesOneTransferForTwoLines() {
        var f = fixture("NOK");
        var deposit = f.deposit(1_000, "N-1");
        f.importStatement("text/csv", "date,amount,currency,reference\n" + today() + ",10.00,NOK,N-1\n"
                + today() + ",10.00,NOK,N-1\n");
        var open = exceptionFor(f.exceptions().json().path("data"), "statement_line", 1_000);
        assertThat(f.resolve(open, Map.of("transferId", deposit)).code()).isEqualTo("already_matched");
        var otherAccount = fixture("DKK");
        var foreign = otherAccount.deposit(1_000, null);
        assertThat(f.resolve(open, Map.of("transferId", foreign)).status()).isEqualTo(404);
    }

    @Test
    void aCamtStatementImportsOnceByItsStatementId() {
        var f = fixture("PLN");
        var deposit = f.deposit(12_345, null);
        var xml = camt("PLN", "PLN-STMT-1", """
                <Ntry><Amt Ccy="PLN">123.45</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
                  <BookgDt><Dt>%s</Dt></BookgDt>
                  <NtryDtls><TxDtls><Refs><EndToEndId>%s</EndToEndId></Refs></TxDtls></NtryDtls></Ntry>
                """.formatted(today(), deposit));
        var first = f.importStatement("application/xml", xml);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.json().path("matched").asInt()).isEqualTo(1);
        // A second document with the same Stmt/Id (even re-sent with other bytes) is the same statement.
        var again = f.importStatement("text/xml", xml.replace("<MsgId>M</MsgId>", "<MsgId>M2</MsgId>"));
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json()).isEqualTo(first.json());
    }

    @Test
    void badStatementsAreProblemsAndChangeNothing() {
        var f = fixture("CZK");
        f.deposit(100, null);
        long statements = count("recon_statements");
        long lines = count("recon_lines");
        var xxe = """
                <?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt><Id>&x;</Id>
                </Stmt></BkToCstmrStmt></Document>""";
        var cases = new ArrayList<Object[]>();
        cases.add(new Object[] {"application/xml", xxe, 400, "invalid_statement"});
        cases.add(new Object[] {"application/xml", "<Document><unclosed>", 400, "invalid_statement"});
        cases.add(new Object[] {"text/csv", "when,how much\n1,2\n", 400, "invalid_statement"});
        cases.add(new Object[] {"text/csv", "date,amount,currency,reference\n2026-13-01,1.00,CZK,\n", 400,
                "invalid_statement"});
        cases.add(new Object[] {"text/csv", "date,amount,currency,reference\n" + today() + ",1.001,CZK,\n", 400,
                "invalid_statement"});
        cases.add(new Object[] {"text/csv", "date,amount,currency,reference\n" + today() + ",1.00,EUR,\n", 422,
                "currency_mismatch"});
        cases.add(new Object[] {"text/csv", "date,amount,currency,reference\n", 400, "invalid_statement"});
        cases.add(new Object[] {"text/plain", "date,amount,currency,reference\n", 415, "unsupported_media_type"});
        for (var c : cases) {
            var response = f.importStatement((String) c[0], (String) c[1]);
            assertThat(response.status()).as(c[1] + " → " + response).isEqualTo(c[2]);
            assertThat(response.contentType()).startsWith("application/problem+json");
            if (c[3] != null) {
                assertThat(response.code()).as(response.toString()).isEqualTo(c[3]);
            }
        }
        var huge = "date,amount,currency,reference\n" + (today() + ",1.00,CZK,x\n").repeat(120_000);
        assertThat(f.importStatement("text/csv", huge).status()).isEqualTo(413);
        var path = "/api/v1/admin/reconciliation/statements";
        var good = "date,amount,currency,reference\n" + today() + ",1.00,CZK,\n";
        assertThat(api.post(path).token(f.admin().token()).body("text/csv", good).send().code())
                .isEqualTo("invalid_parameter");
        assertThat(api.post(path + "?accountId=" + f.customerAccount()).token(f.admin().token())
                .body("text/csv", good).send().status()).isEqualTo(404);
        assertThat(count("recon_statements")).isEqualTo(statements);
        assertThat(count("recon_lines")).isEqualTo(lines);
    }

    @Test
    void onlyAdminsReconcile() {
        var f = fixture("HUF");
        f.deposit(1_000, null);
        var customer = newUser("customer");
        var settlement = f.settlementAccount();
        var calls = new String[][] {
                {"GET", "/api/v1/admin/settlement-accounts"},
                {"GET", "/api/v1/admin/reconciliation/exceptions"},
                {"POST", "/api/v1/admin/reconciliation/statements?accountId=" + settlement},
                {"POST", "/api/v1/admin/reconciliation/exceptions/rsl_doesnotexist000000000000/resolve"}};
        for (var call : calls) {
            var asCustomer = api.method(call[0], call[1]).token(customer.token())
                    .body("text/csv", "date,amount,currency,reference\n" + today() + ",1.00,HUF,\n").send();
            assertThat(asCustomer.status()).as(call[1]).isEqualTo(403);
            assertThat(api.method(call[0], call[1]).send().status()).as(call[1]).isEqualTo(401);
        }
        var list = api.get("/api/v1/admin/settlement-accounts").token(f.admin().token()).send().json();
        assertThat(list.path("data")).anySatisfy(a -> {
            assertThat(a.path("id").asString()).isEqualTo(settlement);
            assertThat(a.path("currency").asString()).isEqualTo("HUF");
        });
        assertThat(api.get("/api/v1/admin/reconciliation/exceptions?limit=0").token(f.admin().token()).send()
                .status()).isEqualTo(400);
        assertThat(api.get("/api/v1/admin/reconciliation/exceptions?cursor=zzz").token(f.admin().token()).send()
                .code()).isEqualTo("invalid_cursor");
    }

    @Test
    void theQueuePagesOldestFirstWithoutGapsOrRepeats() {
        var f = fixture("RON");
        var csv = new StringBuilder("date,amount,currency,reference\n");
        for (int i = 1; i <= 7; i++) {
            csv.append(today()).append(",").append(i).append(".00,RON,L").append(i).append('\n');
        }
        f.deposit(100, null);
        f.importStatement("text/csv", csv.toString());
        var seen = new ArrayList<Long>();
        String cursor = null;
        do {
            var page = api.get("/api/v1/admin/reconciliation/exceptions?limit=3&accountId=" + f.settlementAccount()
                    + (cursor == null ? "" : "&cursor=" + cursor)).token(f.admin().token()).send().json();
            page.path("data").forEach(n -> seen.add(n.path("amount").asLong()));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asString();
        } while (cursor != null);
        // Seven lines (1.00 is a deposit's amount, so it matched) and no ledger exception left: 6 lines.
        assertThat(seen).containsExactlyInAnyOrder(200L, 300L, 400L, 500L, 600L, 700L);
    }

    private long balance(String accountId) {
        return jdbc.sql("SELECT ledger_balance FROM accounts WHERE id = ?").param(accountId).query(Long.class).single();
    }

    private static JsonNode find(JsonNode queue, String kind) {
        for (var item : queue) {
            if (item.path("kind").asString().equals(kind)) {
                return item;
            }
        }
        throw new AssertionError("no " + kind + " in " + queue);
    }

    private static String exceptionFor(JsonNode queue, String kind, long amount) {
        for (var item : queue) {
            if (item.path("kind").asString().equals(kind) && item.path("amount").asLong() == amount) {
                return item.path("id").asString();
            }
        }
        throw new AssertionError("no " + kind + " of " + amount + " in " + queue);
    }

    static String camt(String currency, String statementId, String entries) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
                <BkToCstmrStmt><GrpHdr><MsgId>M</MsgId><CreDtTm>2026-12-01T06:00:00Z</CreDtTm></GrpHdr>
                <Stmt><Id>%s</Id><CreDtTm>2026-12-01T06:00:00Z</CreDtTm>
                <Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>%s</Ccy></Acct>
                %s
                </Stmt></BkToCstmrStmt></Document>
                """.formatted(statementId, currency, entries);
    }
}
