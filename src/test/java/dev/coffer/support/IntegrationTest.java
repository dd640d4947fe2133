package dev.coffer.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Base of the integration and black-box tests: the whole application on a random port over one real embedded
 * PostgreSQL per test JVM (a fresh data directory per run), a movable clock, and an HTTP client.
 * Tests never reset the database: each creates its own users, so they can share one context and run in any order.
 * The hold release job runs when a test calls it ({@code HoldExpiry}), not every 15 s in the background: with the
 * clock moved or frozen, a scheduled run would race the test's own steps (it still runs once, 5 s after start).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "coffer.ledger.hold-expiry-interval=PT1H",
        "coffer.webhooks.allow-private-targets=true",
        "coffer.webhooks.retry-delays=PT0.3S,PT0.6S",
        "coffer.webhooks.timeout=PT1S",
        "coffer.webhooks.poll-interval=PT0.1S",
        // The suite signs up and logs in hundreds of users a minute from one address; the per-address limits
        // themselves are tested in RateLimitApiTest's own context.
        "coffer.identity.registrations-per-ip-per-minute=100000",
        "coffer.identity.logins-per-ip-per-minute=100000"})
@Import(TestClockConfig.class)
public abstract class IntegrationTest {

    public static final String PASSWORD = "a long and unusual passphrase";
    private static final AtomicInteger USERS = new AtomicInteger();

    static {
        TestDataDir.configure();
        TestMailServer.configure();
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected MutableClock clock;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected org.springframework.context.ApplicationContext applicationContext;

    protected Api api;

    @BeforeEach
    void setUpApi() {
        api = new Api(port);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** A unique email for this run. */
    protected static String uniqueEmail(String name) {
        return name + "-" + USERS.incrementAndGet() + "-" + System.nanoTime() + "@example.com";
    }

    public record TestUser(String id, String email, String password, String token, String refreshToken) {
    }

    /** Registers and logs in a fresh customer. */
    protected TestUser newUser(String name) {
        var email = uniqueEmail(name);
        var created = api.post("/api/v1/users")
                .json(Map.of("email", email, "password", PASSWORD, "displayName", name)).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return login(created.json().path("id").asString(), email, PASSWORD);
    }

    protected TestUser login(String id, String email, String password) {
        var session = api.post("/api/v1/sessions").json(Map.of("email", email, "password", password)).send();
        assertThat(session.status()).as(session.toString()).isEqualTo(201);
        var json = session.json();
        return new TestUser(id, email, password, json.path("token").asString(), json.path("refreshToken").asString());
    }

    /** Gives a user roles directly in the database (test setup only; the admin API is tested on its own). */
    protected void grantRoles(String userId, String... roles) {
        jdbc.sql("UPDATE users SET roles = :roles::text[] WHERE id = :id")
                .param("roles", "{" + String.join(",", roles) + "}").param("id", userId).update();
    }

    /**
     * A merchant (role merchant, API key, EUR settlement account) and an admin to fund customers, with a second admin
     * who approves the deposits that need four eyes.
     */
    protected Shop newShop() {
        var admin = newUser("admin");
        grantRoles(admin.id(), "customer", "admin");
        var merchant = newUser("merchant");
        grantRoles(merchant.id(), "customer", "merchant");
        var key = api.post("/api/v1/merchant/api-keys").token(merchant.token()).json(Map.of("name", "server")).send();
        assertThat(key.status()).as(key.toString()).isEqualTo(201);
        var approver = newUser("approver");
        grantRoles(approver.id(), "customer", "admin");
        var shop = new Shop(api, merchant, admin, approver, key.json().path("secret").asString(), null);
        var settlement = shop.fundedAccount(merchant, "EUR", 0);
        return new Shop(api, merchant, admin, approver, shop.apiKey, settlement);
    }

    protected long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }
}
