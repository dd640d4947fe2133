package dev.coffer.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;

/**
 * Every page, as each role sees it, on a desktop and on a 390 px phone: no sideways scrolling, no serious or critical
 * accessibility violation (axe-core), a screenshot of each in {@code target/screenshots/}. Pages are filled with
 * real data first (accounts with history, a paid and an open checkout, a webhook endpoint), since an empty table
 * hides most layout problems.
 */
class EveryPageBrowserTest extends BrowserTest {

    @Test
    void everyPageFitsAPhoneAndPassesAxe() {
        var shop = newShop();
        var customer = newUser("customer");
        var wallet = shop.fundedAccount(customer, "EUR", 1_037_450);
        var savings = shop.fundedAccount(customer, "EUR", 0);
        var yen = shop.fundedAccount(customer, "JPY", 120_000);
        api.post("/api/v1/transfers").token(customer.token()).header("Idempotency-Key", UUID.randomUUID().toString())
                .json(Map.of("fromAccountId", wallet, "toAccountId", savings, "amount", 25_000, "currency", "EUR",
                        "description", "Rainy day fund, a description long enough to wrap on a phone"))
                .send();
        shop.paid(customer.token(), shop.session(1_250, "automatic"), wallet);
        var openSession = shop.session(990, "manual");
        var held = shop.paid(customer.token(), shop.session(4_200, "manual"), wallet); // a pending row, a capture
        var price = api.post("/api/v1/prices").token(shop.apiKey).json(Map.of("productName", "Streaming",
                "amount", 999, "currency", "EUR", "interval", "month")).send().json().path("id").asString();
        shop.paid(customer.token(), shop.createSession(Map.of("mode", "subscription", "priceId", price,
                "settlementAccountId", shop.settlementAccount)).json().path("id").asString(), wallet);
        api.post("/api/v1/webhook-endpoints").token(shop.apiKey)
                .json(Map.of("url", "https://shop.example/hooks/coffer", "events", List.of("payment.succeeded")))
                .send();

        var checks = new PageChecks(browser);
        try {
            visitAll(checks, PageChecks.DESKTOP, "desktop", customer, shop, wallet, yen, openSession, held);
            visitAll(checks, PageChecks.PHONE, "phone", customer, shop, wallet, yen, openSession, held);
        } finally {
            checks.resize(PageChecks.DESKTOP);
        }
        assertThat(checks.findings()).as("findings on every page").isEmpty();
    }

    /** The checks themselves can fail: an unlabelled field and a page wider than a phone are both reported. */
    @Test
    void theChecksFindWhatTheyLookFor() {
        var checks = new PageChecks(browser);
        try {
            checks.resize(PageChecks.PHONE);
            open("/login");
            find("main");
            browser.executeScript("""
                    const field = document.createElement('input');
                    document.querySelector('main').appendChild(field);
                    const wide = document.createElement('div');
                    wide.style.width = '600px';
                    wide.textContent = 'wide';
                    document.querySelector('main').appendChild(wide);
                    """);
            checks.check("broken login");
        } finally {
            checks.resize(PageChecks.DESKTOP);
        }
        assertThat(checks.findings()).anySatisfy(f -> assertThat(f).contains("scrolls sideways"))
                .anySatisfy(f -> assertThat(f).contains("label"));
    }

    private void visitAll(PageChecks checks, Dimension size, String device, TestUser customer,
            dev.coffer.support.Shop shop, String wallet, String yen, String openSession, String held) {
        checks.resize(size);
        open("/login");
        check(checks, device, "login");
        open("/register");
        check(checks, device, "register");
        open("/pay/" + openSession);
        check(checks, device, "pay-logged-out");
        open("/no-such-page");
        check(checks, device, "not-found");

        logInAs(customer);
        check(checks, device, "dashboard");
        go("/accounts/" + wallet);
        check(checks, device, "account");
        go("/accounts/" + yen);
        check(checks, device, "account-jpy");
        go("/transfer");
        check(checks, device, "transfer");
        go("/settings/security");
        check(checks, device, "security");
        go("/subscriptions");
        check(checks, device, "subscriptions");
        go("/pay/" + openSession);
        check(checks, device, "pay");
        go("/admin");
        check(checks, device, "forbidden");

        logInAs(shop.merchant);
        go("/merchant");
        check(checks, device, "merchant");
        submit("[data-testid=merchant-payment][data-payment-id='" + held + "'] form[action$='/capture'] button");
        find("[data-testid=payment-review]");
        check(checks, device, "merchant-capture-review");
        go("/merchant/subscribers");
        check(checks, device, "merchant-subscribers");

        logInAs(shop.admin);
        go("/admin");
        check(checks, device, "admin");
        type("form#deposit-form input[name=accountId]", wallet);
        type("form#deposit-form input[name=amount]", "25.00");
        submit("form#deposit-form button");
        find("[data-testid=deposit-review]");
        check(checks, device, "admin-deposit-review");
        go("/admin/reconciliation");
        check(checks, device, "reconciliation");
        go("/admin/users?q=" + customer.email());
        check(checks, device, "admin-users");
        go("/admin/audit");
        check(checks, device, "admin-audit");
    }

    private void check(PageChecks checks, String device, String page) {
        find("main");
        screenshot("every-page-" + page + "-" + device);
        checks.check(page + " (" + device + ")");
    }
}
