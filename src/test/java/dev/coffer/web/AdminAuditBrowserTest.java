package dev.coffer.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The admin reads the audit log by type, page by page, and checks its hash chain on demand. */
class AdminAuditBrowserTest extends BrowserTest {

    @Test
    void anAdminFiltersTheLogAndChecksTheChain() {
        var shop = newShop();
        for (int i = 0; i < 3; i++) {
            newUser("audited");
        }
        logInAs(shop.admin);
        go("/admin/audit");
        assertThat(all("[data-testid=audit-event]")).isNotEmpty();

        go("/admin/audit?type=user.registered");
        assertThat(all("[data-testid=audit-event]")).hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(row -> assertThat(row.getAttribute("data-type")).isEqualTo("user.registered"));

        submit("[data-testid=verify-chain]");
        assertThat(find("[data-testid=notice]").getText()).startsWith("The audit chain is intact");
        assertThat(find("input[name=type]").getAttribute("value")).isEqualTo("user.registered");

        go("/admin/audit?type=DROP%20TABLE");
        assertThat(find("[data-testid=error]").getText()).contains("A type looks like");
    }
}
