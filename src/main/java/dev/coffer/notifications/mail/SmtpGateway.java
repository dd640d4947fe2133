package dev.coffer.notifications.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.springframework.core.env.Environment;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * The SMTP connection, configured at run time from {@code spring.mail.*} (Spring Boot's own mail bean is decided at
 * build time in the AOT-compiled jar, so it would never appear there). Without {@code spring.mail.host} email is
 * off: nothing is written to the outbox.
 */
@Component
class SmtpGateway {

    private static final int TIMEOUT_MILLIS = 10_000;

    private final JavaMailSenderImpl sender = new JavaMailSenderImpl();
    private final boolean enabled;

    SmtpGateway(Environment environment) {
        var host = environment.getProperty("spring.mail.host", "");
        enabled = !host.isBlank();
        sender.setHost(host);
        sender.setPort(environment.getProperty("spring.mail.port", Integer.class, 25));
        sender.setUsername(environment.getProperty("spring.mail.username"));
        sender.setPassword(environment.getProperty("spring.mail.password"));
        sender.setProtocol(environment.getProperty("spring.mail.protocol", "smtp"));
        sender.setDefaultEncoding("UTF-8");
        var properties = new Properties();
        properties.put("mail.smtp.connectiontimeout", TIMEOUT_MILLIS);
        properties.put("mail.smtp.timeout", TIMEOUT_MILLIS);
        properties.put("mail.smtp.writetimeout", TIMEOUT_MILLIS);
        properties.put("mail.smtp.starttls.enable",
                environment.getProperty("spring.mail.properties.mail.smtp.starttls.enable", "false"));
        properties.put("mail.smtp.auth", sender.getUsername() != null ? "true" : "false");
        sender.setJavaMailProperties(properties);
    }

    boolean enabled() {
        return enabled;
    }

    /** Sends one mail as HTML with a plain-text alternative; its Message-ID is the outbox id. */
    void send(String from, QueuedEmail email) throws MessagingException, MailException {
        MimeMessage message = new MimeMessage(sender.getSession()) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", "<" + email.id() + "@coffer>");
            }
        };
        var helper = new MimeMessageHelper(message, true, "UTF-8");
        helper.setFrom(from);
        helper.setTo(email.toAddress());
        helper.setSubject(email.subject());
        helper.setText(email.bodyText(), email.bodyHtml());
        sender.send(message);
    }
}
