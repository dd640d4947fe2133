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

    /**
     * Lock on the page: the user's open browser session ends at once and their login is refused with its reason;
     * the admin cannot lock themselves; unlocking lets the user log in again.
     */
    @Test
    void anAdminLocksAUserWhoIsThrownOutAndCannotLogInUntilUnlocked() {
        var admin = newAdmin();
        var user = newUser("troublemaker");

        logInAs(user);
        var userCookie = sessionCookie();
        assertThat(userCookie).isNotNull();

        logInAs(admin);
        go("/admin/users?q=" + user.email());
        var row = "[data-testid=admin-user][data-user-id='" + user.id() + "']";
        assertThat(find(row + " [data-testid=admin-user-lock-state]").getText()).isEqualTo("Allowed");
        submit(row + " [data-testid=toggle-lock]");
        assertThat(find("[data-testid=notice]").getText()).contains("troublemaker is locked");
        assertThat(find(row + " [data-testid=admin-user-lock-state]").getText()).isEqualTo("Locked");
        assertThat(find(row + " [data-testid=toggle-lock]").getText()).isEqualTo("Unlock");
        screenshot("admin-user-locked");
        assertThat(api.get("/api/v1/me").token(user.token()).send().status()).isEqualTo(401);
        assertThat(api.get("/api/v1/me").token(userCookie).send().status()).as("the browser session").isEqualTo(401);

        go("/admin/users?q=" + admin.email());
        submit("[data-testid=admin-user][data-user-id='" + admin.id() + "'] [data-testid=toggle-lock]");
        var refused = find("[data-testid=error][role=alert]");
        assertThat(refused.getAttribute("data-code")).isEqualTo("cannot_lock_self");
        assertThat(all("[role=status]")).isEmpty();

        open("/login");
        logIn(user.email(), PASSWORD);
        var error = find("[data-testid=error]");
        assertThat(error.getText()).contains("locked");
        assertThat(error.getAttribute("data-code")).isEqualTo("user_locked");
        assertThat(sessionCookie()).isNull();

        logInAs(admin);
        go("/admin/users?q=" + user.email());
        submit(row + " [data-testid=toggle-lock]");
        assertThat(find("[data-testid=notice]").getText()).contains("is unlocked");
        assertThat(find(row + " [data-testid=admin-user-lock-state]").getText()).isEqualTo("Allowed");
        logInAs(user);
        assertThat(sessionCookie()).isNotNull();
    }

    @Test
    void aCustomerCannotSeeTheUsersPage() {
        var customer = newUser("curious");
        logInAs(customer);
        go("/admin/users?q=admin");
        assertThat(find("[data-testid=error-title]").getText()).isEqualTo("Not allowed");
    }
}
