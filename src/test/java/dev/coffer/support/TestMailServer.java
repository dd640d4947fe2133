package dev.coffer.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;

/**
 * A real SMTP server (GreenMail) on loopback for the test JVM, started once; the application under test is pointed
 * at it through {@code spring.mail.host} and {@code spring.mail.port}.
 */
public final class TestMailServer {

    private static GreenMail server;

    private TestMailServer() {
    }

    public static synchronized void configure() {
        if (server != null) {
            return;
        }
        server = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        server.start();
        System.setProperty("spring.mail.host", "127.0.0.1");
        System.setProperty("spring.mail.port", Integer.toString(server.getSmtp().getPort()));
        System.setProperty("coffer.mail.poll-interval", "PT0.2S");
    }

    /** The SMTP port, for an application started outside this JVM (the jar tests); starts the server if needed. */
    public static synchronized int smtpPort() {
        configure();
        return server.getSmtp().getPort();
    }

    /** Every message received so far for {@code address}. */
    public static List<MimeMessage> messagesTo(String address) {
        return Arrays.stream(server.getReceivedMessages()).filter(message -> {
            try {
                return Arrays.stream(message.getAllRecipients()).anyMatch(r -> r.toString().equalsIgnoreCase(address));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
