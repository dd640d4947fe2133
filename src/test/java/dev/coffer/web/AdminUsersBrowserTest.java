package dev.coffer.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The admin finds people by email or name, sees their roles and accounts, and gives or takes the merchant role. */
class AdminUsersBrowserTest extends BrowserTest {

    @Test
    void anAdminFindsAUserAndMakesThemAMerchant() {
        var shop = newShop();
        var seller = newUser("seller");
        shop.fundedAccount(seller, "EUR", 1_234_500);

        logInAs(shop.admin);
        go("/admin/users?q=" + seller.email());
        var row = find("[data-testid=admin-user][data-user-id='" + seller.id() + "']");
        assertThat(row.getText()).contains("Wallet €12,345.00");
        assertThat(find("[data-testid=admin-user-roles]").getText()).isEqualTo("customer");

        submit("[data-testid=toggle-merchant]");
        assertThat(find("[data-testid=notice]").getText()).endsWith("is now a merchant.");
        assertThat(find("[data-testid=admin-user-roles]").getText()).isEqualTo("customer, merchant");
        assertThat(api.post("/api/v1/merchant/api-keys").token(login(seller.id(), seller.email(), PASSWORD).token())
                .json(java.util.Map.of("name", "server")).send().status()).isEqualTo(201);

        submit("[data-testid=toggle-merchant]");
        assertThat(find("[data-testid=admin-user-roles]").getText()).isEqualTo("customer");

        var name = jdbc.sql("SELECT display_name FROM users WHERE id = :id").param("id", seller.id())
                .query(String.class).single();
        go("/admin/users?q=" + name.substring(0, 4).toUpperCase());
        assertThat(all("[data-testid=admin-user][data-user-id='" + seller.id() + "']")).hasSize(1);

        go("/admin/users?q=zz%25nobody");
        find("[data-testid=no-users]");
    }

    @Test
    void aCustomerCannotSeeTheUsersPage() {
        var customer = newUser("curious");
        logInAs(customer);
        go("/admin/users?q=admin");
        assertThat(find("[data-testid=error-title]").getText()).isEqualTo("Not allowed");
    }
}
