package dev.coffer.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The account page's date filter, its paging within the filter, and statements for the same dates. */
class AccountPageBrowserTest extends BrowserTest {

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void historyFilteredByDatesWithStatementsForTheSameDates() {
        var shop = newShop();
        var saver = newUser("saver");
        var account = shop.fundedAccount(saver, "EUR", 1_000);
        var firstDay = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        clock.advance(Duration.ofDays(3));
        var admin = login(shop.admin.id(), shop.admin.email(), PASSWORD);
        var deposit = api.post("/api/v1/admin/accounts/" + account + "/deposits").token(admin.token())
                .header("Idempotency-Key", java.util.UUID.randomUUID().toString())
                .json(java.util.Map.of("amount", 2_000, "reference", "later")).send();
        assertThat(deposit.status()).as(deposit.toString()).isEqualTo(201);
        var laterDay = firstDay.plusDays(3);

        logInAs(saver);
        go("/accounts/" + account);
        assertThat(all("[data-testid=txn]")).hasSize(2);

        go("/accounts/" + account + "?from=" + laterDay + "&to=" + laterDay);
        assertThat(all("[data-testid=txn]")).hasSize(1);
        assertThat(find("[data-testid=txn]").getText()).contains("€20.00");
        assertThat(find("input[name=from]").getAttribute("value")).isEqualTo(laterDay.toString());
        assertThat(find("[data-testid=statement]").getAttribute("href")).contains("from=" + laterDay);
        var pdf = api.get("/accounts/" + account + "/statement.pdf?from=" + laterDay)
                .header("Cookie", "coffer_session=" + sessionCookie()).send();
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.contentType()).startsWith("application/pdf");

        go("/accounts/" + account + "?from=" + laterDay + "&to=" + firstDay);
        assertThat(find("[data-testid=error]").getText()).contains("before");
        assertThat(all("[data-testid=txn]")).as("a bad range shows everything, with the reason").hasSize(2);
    }
}
