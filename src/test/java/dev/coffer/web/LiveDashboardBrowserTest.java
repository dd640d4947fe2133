package dev.coffer.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Bob's dashboard is open; Alice sends him money: his balance changes and the transfer appears, without a reload. */
class LiveDashboardBrowserTest extends BrowserTest {

    @Test
    void moneyArrivingShowsOnTheOpenDashboardWithinTwoSeconds() {
        var shop = newShop();
        var alice = newUser("Alice");
        var bob = newUser("Bob");
        var aliceWallet = shop.fundedAccount(alice, "EUR", 10_000);
        var bobWallet = shop.fundedAccount(bob, "EUR", 1_000);
        logInAs(bob);
        var balance = "[data-account-id='" + bobWallet + "'] [data-testid=balance-available]";
        assertThat(find(balance).getText()).isEqualTo("€10.00");
        int rowsBefore = all("[data-testid=txn]").size();
        var marker = browser.findElement(org.openqa.selenium.By.cssSelector("h1"));
        // let the page's event stream connect before the money moves
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> streamOpen(bob.id()));

        long sent = System.nanoTime();
        var transfer = api.post("/api/v1/transfers").token(alice.token())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .json(Map.of("fromAccountId", aliceWallet, "toAccountId", bobWallet, "amount", 2_550,
                        "currency", "EUR", "description", "Concert tickets")).send();
        assertThat(transfer.status()).isEqualTo(201);
        new WebDriverWait(browser, Duration.ofSeconds(2)).until(d -> d.findElement(
                org.openqa.selenium.By.cssSelector(balance)).getText().equals("€35.50"));
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(2));
        new WebDriverWait(browser, Duration.ofSeconds(2)).until(d -> all("[data-testid=txn]").size() == rowsBefore + 1);
        assertThat(all("[data-testid=txn]").getFirst().getText()).contains("Alice").contains("Concert tickets");
        assertThat(marker.isDisplayed()).as("the same page, never reloaded").isTrue();
        screenshot("live-dashboard");
    }

    private boolean streamOpen(String userId) {
        return applicationContext.getBean(dev.coffer.notifications.stream.StreamHub.class).openStreams() > 0;
    }
}
