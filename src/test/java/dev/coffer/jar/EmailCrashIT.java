package dev.coffer.jar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.coffer.support.TestMailServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An email committed to the outbox but not yet delivered when the server dies ({@code kill -9}) is sent after the
 * restart, once. To make "not yet delivered" certain, the first run's SMTP server is a closed port (every attempt
 * fails and is retried later); the second run points at a real SMTP server (GreenMail in this JVM).
 */
class EmailCrashIT {

    private static final Duration READY = Duration.ofSeconds(90);
    private static final String PASSWORD = "a long and unusual passphrase";
    private static final String EMAIL = "mail-crash@example.com";

    private final JarClient client = new JarClient();

    @Test
    void aMailCommittedBeforeAKillIsSentOnceAfterTheRestart() throws Exception {
        int smtpPort = TestMailServer.smtpPort();
        var dataDir = Files.createTempDirectory(Path.of("target"), "it-mail-");
        var server = CofferProcess.start(dataDir, "mail-before-kill", "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + closedPort(), "--coffer.mail.retry-delays=PT1S", "--coffer.mail.lease=PT5S");
        try {
            server.awaitReady(READY);
            client.pointAt(server);
            client.required("/api/v1/users", null, null,
                    Map.of("email", EMAIL, "password", PASSWORD, "displayName", "Careful"));
            var token = client.login(EMAIL, PASSWORD);
            var changed = client.put("/api/v1/me/password", token,
                    Map.of("currentPassword", PASSWORD, "newPassword", PASSWORD + " changed"));
            assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);
            Thread.sleep(1_500); // at least one failed attempt against the closed port
            assertThat(passwordMails()).isZero();

            server.process.destroyForcibly();
            server.process.waitFor();
            server = CofferProcess.start(dataDir, "mail-after-kill", "--spring.mail.host=127.0.0.1",
                    "--spring.mail.port=" + smtpPort, "--coffer.mail.retry-delays=PT1S", "--coffer.mail.lease=PT5S");
            server.awaitReady(READY);
            await().atMost(Duration.ofSeconds(30)).until(() -> passwordMails() >= 1);
            Thread.sleep(3_000); // time for a second send, were there one
            assertThat(passwordMails()).as("sent once after the restart").isEqualTo(1);
        } finally {
            server.close();
        }
    }

    private static long passwordMails() {
        return TestMailServer.messagesTo(EMAIL).stream().filter(message -> {
            try {
                return message.getSubject().contains("password");
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).count();
    }

    /** A port nothing listens on: connecting is refused at once. */
    private static int closedPort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
