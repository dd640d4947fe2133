package dev.coffer.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.coffer.support.IntegrationTest;
import dev.coffer.support.TestMailServer;
import jakarta.mail.Multipart;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Email through the outbox to a real SMTP server: each kind once, when it should (a new device, not the first one;
 * a password change; money at or above the large-transfer line), with HTML and text; each kind can be turned off.
 */
class EmailTest extends IntegrationTest {

    @Test
    void aPasswordChangeANewDeviceAndALargeTransferEachSendOneMail() throws Exception {
        var user = newUser("mailed");
        assertThat(api.put("/api/v1/me/password").token(user.token()).json(Map.of("currentPassword", PASSWORD,
                "newPassword", "another long passphrase")).send().status()).isEqualTo(204);
        var relogin = api.post("/api/v1/sessions").json(Map.of("email", user.email(),
                "password", "another long passphrase")).send();
        var device = relogin.json().path("deviceToken").asString();
        api.post("/api/v1/sessions").json(Map.of("email", user.email(), "password", "another long passphrase",
                "deviceToken", device)).send();
        var shop = newShop();
        var loggedIn = new TestUser(user.id(), user.email(), "another long passphrase",
                relogin.json().path("token").asString(), relogin.json().path("refreshToken").asString());
        shop.fundedAccount(loggedIn, "EUR", 100_000);

        await().atMost(Duration.ofSeconds(10)).until(() -> subjects(user.email()).size() >= 3);
        Thread.sleep(1_000); // nothing more is coming
        assertThat(subjects(user.email())).containsExactlyInAnyOrder("Your password was changed",
                "A login from a new device", "You received 1000.00 EUR");
        var mail = TestMailServer.messagesTo(user.email()).getFirst();
        assertThat(mail.getMessageID()).startsWith("<eml_");
        var parts = (Multipart) mail.getContent();
        assertThat(parts.getCount()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void eachKindCanBeTurnedOffAndUnknownKindsAreRefused() throws Exception {
        var user = newUser("quiet");
        var settings = api.get("/api/v1/me/notifications").token(user.token()).send().json().path("email");
        assertThat(settings.path("password_changed").asBoolean()).isTrue();
        assertThat(settings.size()).isEqualTo(6);
        var refused = api.put("/api/v1/me/notifications").token(user.token())
                .json(Map.of("email", Map.of("password_changed", false, "spam", true))).send();
        assertThat(refused.code()).isEqualTo("unknown_email_kind");
        assertThat(api.get("/api/v1/me/notifications").token(user.token()).send().json().path("email")
                .path("password_changed").asBoolean()).as("nothing changed").isTrue();
        var off = api.put("/api/v1/me/notifications").token(user.token())
                .json(Map.of("email", Map.of("password_changed", false))).send();
        assertThat(off.json().path("email").path("password_changed").asBoolean()).isFalse();
        api.put("/api/v1/me/password").token(user.token()).json(Map.of("currentPassword", PASSWORD,
                "newPassword", "another long passphrase")).send();
        Thread.sleep(2_000);
        assertThat(subjects(user.email())).doesNotContain("Your password was changed");
    }

    private static List<String> subjects(String address) {
        return TestMailServer.messagesTo(address).stream().map(message -> {
            try {
                return message.getSubject();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
