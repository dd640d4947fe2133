package dev.coffer.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** An admin in a browser: upload a statement, see the exceptions, link one line and adjust one entry. */
class ReconciliationBrowserTest extends BrowserTest {

    @Test
    void anAdminImportsAStatementAndWorksTheQueue() throws Exception {
        var admin = newUser("admin");
        grantRoles(admin.id(), "customer", "admin");
        var account = api.post("/api/v1/accounts").token(admin.token())
                .json(Map.of("currency", "MXN", "name", "Pesos")).send().json().path("id").asString();
        var arrived = deposit(admin.token(), account, 25_000, "MX-1");
        var neverArrived = deposit(admin.token(), account, 1_111, "MX-GHOST");
        var settlement = jdbc.sql("SELECT id FROM accounts WHERE kind = 'system' AND NOT suspense AND currency = 'MXN'")
                .query(String.class).single();
        var today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        var file = Files.createTempFile("statement-", ".csv");
        Files.writeString(file, "date,amount,currency,reference\n" + today + ",250.00,MXN,MX-1\n"
                + today + ",42.00,MXN,unknown payer\n");

        open("/login?next=/admin/reconciliation");
        logInAndWait(admin.email(), PASSWORD);
        find("form#statement-form");
        new Select(find("form#statement-form select[name=accountId]")).selectByValue(settlement);
        find("form#statement-form input[name=statement]").sendKeys(file.toAbsolutePath().toString());
        submit("form#statement-form button[type=submit]");
        assertThat(find(".notice").getText()).isEqualTo("Imported: 2 lines, 1 matched, 1 unmatched.");
        var line = row("statement_line", "unknown payer");
        var entry = row("ledger_entry", neverArrived);
        assertThat(find("[data-exception-id='" + line + "']").getText()).contains("42.00");
        screenshot("reconciliation-queue");

        var late = deposit(admin.token(), account, 4_200, "MX-LATE");
        go("/admin/reconciliation");
        type("[data-exception-id='" + line + "'] input[name=transferId]", late);
        submit("[data-exception-id='" + line + "'] button[data-testid=recon-link]");
        assertThat(find(".notice").getText()).contains("manual").contains(late);
        type("[data-exception-id='" + entry + "'] input[name=reference]", "Deposit never reached the bank");
        submit("[data-exception-id='" + entry + "'] button[data-testid=recon-adjust]");
        assertThat(find(".notice").getText()).contains("adjustment");
        assertThat(all("[data-exception-id='" + line + "']")).isEmpty();
        assertThat(all("[data-exception-id='" + entry + "']")).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM recon_lines WHERE matched_transfer_id = ?").param(arrived)
                .query(Integer.class).single()).isEqualTo(1);

        var customer = newUser("customer");
        open("/login?next=/admin/reconciliation");
        logIn(customer.email(), PASSWORD);
        assertThat(driver().getTitle()).startsWith("Not allowed");
        assertThat(all("[data-testid=recon-exception]")).isEmpty();
    }

    /** The id of the queue row of this kind whose text mentions {@code text}. */
    private String row(String kind, String text) {
        find("[data-testid=recon-exception]");
        for (var row : all("[data-testid=recon-exception][data-kind=" + kind + "]")) {
            if (row.getText().contains(text)) {
                return row.getAttribute("data-exception-id");
            }
        }
        throw new AssertionError("no " + kind + " row with " + text + " in " + driver().findElement(By.tagName("main"))
                .getText());
    }

    private String deposit(String adminToken, String account, long amount, String reference) {
        var response = api.post("/api/v1/admin/accounts/" + account + "/deposits").token(adminToken)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .json(Map.of("amount", amount, "reference", reference)).send();
        assertThat(response.status()).isEqualTo(201);
        return response.json().path("id").asString();
    }
}
