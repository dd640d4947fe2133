package dev.coffer.ledger.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.ledger.account.AccountService;
import dev.coffer.support.IntegrationTest;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * Statements carry the opening balance at {@code from}, every entry, and the closing balance at {@code to}: the CSV
 * in its first and last rows, the PDF (text extracted with PDFBox) with the holder, the account, the period and the
 * totals, where opening + entries = closing. A long statement streams into many pages.
 */
class StatementDocumentsTest extends IntegrationTest {

    private static final Pattern MONEY = Pattern.compile("(Opening balance|Closing balance|Total in|Total out): "
            + "(-?\\d+\\.\\d{2}) EUR");

    private record Setup(TestUser owner, String account, Instant from, Instant to) {
    }

    /** 100.00 in before the period; in it: 30.00 in, 12.50 out, 0.75 out; after it: 5.00 in. */
    private Setup history() {
        var admin = newUser("admin");
        grantRoles(admin.id(), "customer", "admin");
        var owner = person("ada", "Ada Lovelace");
        var account = open(owner);
        var payee = open(person("bob", "Bob Builder"));
        deposit(admin, account, 10_000);
        clock.advance(Duration.ofMinutes(3));
        var from = clock.instant();
        clock.advance(Duration.ofMinutes(2));
        deposit(admin, account, 3_000);
        transfer(owner, account, payee, 1_250, "Pizza for Bob");
        transfer(owner, account, payee, 75, "Coffee");
        clock.advance(Duration.ofMinutes(2));
        var to = clock.instant();
        clock.advance(Duration.ofMinutes(2));
        deposit(admin, account, 500);
        return new Setup(owner, account, from, to);
    }

    @Test
    void theCsvOpensAndClosesWithTheBalancesOfItsPeriod() {
        var s = history();
        var csv = api.get("/api/v1/accounts/" + s.account() + "/statement.csv?from=" + s.from() + "&to=" + s.to())
                .token(s.owner().token()).send().body().lines().toList();
        assertThat(csv.getFirst()).isEqualTo(
                "date,transfer_id,kind,description,reference,counterparty_account,counterparty,amount,balance_after,currency");
        assertThat(csv).hasSize(1 + 1 + 3 + 1);
        assertThat(csv.get(1)).startsWith(s.from().toString()).endsWith(",opening_balance,Opening balance,,,,,100.00,EUR");
        assertThat(csv.get(2)).contains(",30.00,130.00,EUR");
        assertThat(csv.get(4)).contains("Coffee").contains(",-0.75,116.75,EUR");
        assertThat(csv.getLast()).startsWith(s.to().toString())
                .endsWith(",closing_balance,Closing balance,,,,16.75,116.75,EUR");
        var whole = api.get("/api/v1/accounts/" + s.account() + "/statement.csv").token(s.owner().token()).send()
                .body().lines().toList();
        assertThat(whole.get(1)).endsWith(",opening_balance,Opening balance,,,,,0.00,EUR");
        assertThat(whole.getLast()).endsWith(",121.75,121.75,EUR");
        var empty = api.get("/api/v1/accounts/" + s.account() + "/statement.csv?from=2001-01-01&to=2001-01-02")
                .token(s.owner().token()).send().body().lines().toList();
        assertThat(empty).hasSize(3);
        assertThat(empty.getLast()).endsWith(",0.00,0.00,EUR");
    }

    @Test
    void thePdfShowsHolderPeriodEntriesAndBalancesThatAddUp() throws Exception {
        var s = history();
        var response = get("/api/v1/accounts/" + s.account() + "/statement.pdf?from=" + s.from() + "&to=" + s.to(),
                s.owner().token());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/pdf");
        assertThat(new String(response.body(), 0, 5)).isEqualTo("%PDF-");
        var text = text(response.body());
        assertThat(text).contains("Account holder: Ada Lovelace").contains(s.account())
                .contains("Period: " + minutes(s.from()) + " to " + minutes(s.to()) + " UTC")
                .contains("Pizza for Bob").contains("Bob Builder").contains("-12.50 EUR").contains("30.00 EUR")
                .contains("Entries: 3");
        var amounts = new java.util.HashMap<String, BigDecimal>();
        var matcher = MONEY.matcher(text);
        while (matcher.find()) {
            amounts.put(matcher.group(1), new BigDecimal(matcher.group(2)));
        }
        assertThat(amounts.get("Opening balance")).isEqualByComparingTo("100.00");
        assertThat(amounts.get("Opening balance").add(amounts.get("Total in")).add(amounts.get("Total out")))
                .isEqualByComparingTo(amounts.get("Closing balance")).isEqualByComparingTo("116.75");

        assertThat(get("/api/v1/accounts/" + s.account() + "/statement.pdf", newUser("eve").token()).statusCode())
                .isEqualTo(404);
        var bad = get("/api/v1/accounts/" + s.account() + "/statement.pdf?from=soon", s.owner().token());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(new String(bad.body())).contains("invalid_parameter");
        assertThat(get("/api/v1/accounts/" + s.account() + "/statement.pdf", null).statusCode()).isEqualTo(401);
    }

    @Test
    void aLongStatementStreamsIntoManyPages() throws Exception {
        var shop = newShop();
        var owner = person("grace", "Grace Hopper");
        var from = shop.fundedAccount(owner, "EUR", 1_000_000);
        var account = shop.fundedAccount(owner, "EUR", 0);
        int entries = 20_000;
        BulkHistory.transfers(jdbc, from, account, entries,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(entries + 60));
        var writer = applicationContext.getBean(StatementPdfWriter.class);
        var accounts = applicationContext.getBean(AccountService.class);
        var out = new ByteArrayOutputStream();
        writer.write(accounts.owned(owner.id(), account), TimeRange.parse(null, null), out);
        try (var pdf = Loader.loadPDF(out.toByteArray())) {
            assertThat(pdf.getNumberOfPages()).isGreaterThan(entries / 60);
            var stripper = new PDFTextStripper();
            stripper.setStartPage(pdf.getNumberOfPages());
            assertThat(stripper.getText(pdf)).contains("Closing balance: 200.00 EUR").contains("Entries: " + entries);
        }
    }

    /** A user with a display name of their own (newUser names people after their email). */
    private TestUser person(String handle, String displayName) {
        var email = uniqueEmail(handle);
        var created = api.post("/api/v1/users")
                .json(Map.of("email", email, "password", PASSWORD, "displayName", displayName)).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return login(created.json().path("id").asString(), email, PASSWORD);
    }

    private static String minutes(Instant at) {
        return at.toString().substring(0, 16).replace('T', ' ');
    }

    private static String text(byte[] pdf) throws Exception {
        try (var document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    private HttpResponse<byte[]> get(String path, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private String open(TestUser user) {
        return api.post("/api/v1/accounts").token(user.token()).json(Map.of("currency", "EUR", "name", "Main"))
                .send().json().path("id").asString();
    }

    private void deposit(TestUser admin, String account, long amount) {
        var response = api.post("/api/v1/admin/accounts/" + account + "/deposits").token(admin.token())
                .header("Idempotency-Key", UUID.randomUUID().toString()).json(Map.of("amount", amount)).send();
        assertThat(response.status()).isEqualTo(201);
    }

    private void transfer(TestUser owner, String from, String to, long amount, String description) {
        var response = api.post("/api/v1/transfers").token(owner.token())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .json(Map.of("fromAccountId", from, "toAccountId", to, "amount", amount, "currency", "EUR",
                        "description", description)).send();
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
    }

}
