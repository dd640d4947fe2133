package dev.coffer.cli;

import dev.coffer.identity.UserAdministration;
import dev.coffer.platform.Role;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * {@code --coffer.demo=true}: once the server is up, seeds a customer, a merchant and an admin (credentials printed),
 * accounts with money and some history, and an open checkout session to pay. Everything except creating the three
 * users goes through Coffer's own HTTP API, as a client would. Runs only when asked; a second start finds the demo
 * users and only prints how to log in.
 */
@Component
class DemoSeeder {

    private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);
    static final String ADMIN_EMAIL = "admin@demo.coffer.dev";
    static final String CUSTOMER_EMAIL = "dana@demo.coffer.dev";
    static final String MERCHANT_EMAIL = "pizza@demo.coffer.dev";
    static final String PASSWORD = "coffer-demo-2026";

    private final UserAdministration users;
    // A runtime switch rather than @ConditionalOnProperty: Spring AOT fixes conditions when the jar is built.
    private final boolean enabled;

    DemoSeeder(UserAdministration users, Environment env) {
        this.users = users;
        this.enabled = env.getProperty("coffer.demo", Boolean.class, false);
    }

    @EventListener
    void seed(ApplicationReadyEvent ready) {
        if (!enabled || !(ready.getApplicationContext() instanceof WebServerApplicationContext server)) {
            return;
        }
        var base = "http://localhost:" + server.getWebServer().getPort();
        if (users.findByEmail(CUSTOMER_EMAIL).isPresent()) {
            print(base, null);
            return;
        }
        log.info("coffer.demo=true: seeding demo data…");
        users.create(ADMIN_EMAIL, PASSWORD, "Ada Admin", EnumSet.of(Role.CUSTOMER, Role.ADMIN));
        users.create(CUSTOMER_EMAIL, PASSWORD, "Dana Demo", EnumSet.of(Role.CUSTOMER));
        users.create(MERCHANT_EMAIL, PASSWORD, "Pizza Palace", EnumSet.of(Role.CUSTOMER, Role.MERCHANT));
        var client = new DemoClient(base);
        var admin = client.login(ADMIN_EMAIL, PASSWORD);
        var dana = client.login(CUSTOMER_EMAIL, PASSWORD);
        var pizza = client.login(MERCHANT_EMAIL, PASSWORD);

        var everyday = client.openAccount(dana, "EUR", "Everyday");
        var savings = client.openAccount(dana, "EUR", "Savings");
        client.openAccount(dana, "JPY", "Tokyo trip");
        var takings = client.openAccount(pizza, "EUR", "Takings");
        client.deposit(admin, everyday, 250_000, "Salary November");
        client.deposit(admin, savings, 990_000, "Opening balance");
        client.transfer(dana, everyday, savings, 50_000, "Monthly savings");
        client.transfer(dana, savings, everyday, 12_550, "Concert tickets");
        var apiKey = client.createApiKey(pizza, "Demo shop server");
        var paid = client.createSession(apiKey, takings, List.of(Map.of("name", "Margherita", "quantity", 1,
                "unitAmount", 950)));
        client.pay(dana, paid, everyday);
        var open = client.createSession(apiKey, takings, List.of(
                Map.of("name", "Quattro Formaggi", "quantity", 2, "unitAmount", 1250),
                Map.of("name", "Tiramisu", "quantity", 1, "unitAmount", 650)));
        print(base, new Seeded(apiKey, open));
    }

    private record Seeded(String apiKey, String openSession) {
    }

    private static void print(String base, Seeded seeded) {
        var out = new StringBuilder("\n==================== Coffer demo ====================\n");
        out.append("Log in at ").append(base).append("/login (password for all: ").append(PASSWORD).append(")\n");
        out.append("  customer: ").append(CUSTOMER_EMAIL).append("  (accounts with money and history)\n");
        out.append("  merchant: ").append(MERCHANT_EMAIL).append("  (Pizza Palace)\n");
        out.append("  admin:    ").append(ADMIN_EMAIL).append("\n");
        if (seeded != null) {
            out.append("Merchant API key (shown once): ").append(seeded.apiKey()).append('\n');
            out.append("Open checkout session to pay: ").append(base).append("/pay/").append(seeded.openSession())
                    .append('\n');
        } else {
            out.append("(demo data already present; create a new API key as the merchant if you need one)\n");
        }
        out.append("API: curl -s -X POST ").append(base).append("/api/v1/sessions -H 'Content-Type: application/json' ")
                .append("-d '{\"email\":\"").append(CUSTOMER_EMAIL).append("\",\"password\":\"").append(PASSWORD)
                .append("\"}'\n=====================================================\n");
        System.out.println(out);
    }
}
