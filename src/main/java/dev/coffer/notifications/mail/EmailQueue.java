package dev.coffer.notifications.mail;

import dev.coffer.identity.Users;
import dev.coffer.platform.Ids;
import dev.coffer.platform.web.PublicUrl;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Writes an email into the outbox in the caller's transaction (so it exists exactly when what it tells about
 * committed), unless email is off or the user turned this kind off. The sender is woken after commit.
 */
@Component
public class EmailQueue {

    private final EmailOutboxRepository outbox;
    private final SmtpGateway smtp;
    private final EmailSender sender;
    private final Users users;
    private final TemplateEngine templates;
    private final PublicUrl publicUrl;
    private final Clock clock;

    EmailQueue(EmailOutboxRepository outbox, SmtpGateway smtp, EmailSender sender, Users users,
            TemplateEngine templates, PublicUrl publicUrl, Clock clock) {
        this.publicUrl = publicUrl;
        this.outbox = outbox;
        this.smtp = smtp;
        this.sender = sender;
        this.users = users;
        this.templates = templates;
        this.clock = clock;
    }

    /** What an email says: a subject, its lines, and optionally a link (a path of Coffer's pages) to act on. */
    public record Message(String subject, List<String> lines, String actionText, String actionPath) {
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void queue(String userId, EmailKind kind, Message message) {
        if (!smtp.enabled() || !outbox.preferences(userId).getOrDefault(kind, true)) {
            return;
        }
        var user = users.find(userId).orElseThrow(() -> new IllegalStateException("no user " + userId));
        var now = clock.instant();
        var link = message.actionPath() == null ? null : publicUrl.of(message.actionPath());
        outbox.insert(new QueuedEmail(Ids.newId("eml"), userId, kind, user.email(), message.subject(),
                html(message, link), text(message, link), 0, now, null));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    sender.wakeUp();
                }
            });
        }
    }

    private String html(Message message, String link) {
        var context = new Context();
        context.setVariable("subject", message.subject());
        context.setVariable("lines", message.lines());
        context.setVariable("actionText", message.actionText());
        context.setVariable("actionUrl", link);
        return templates.process("mail/notice", context);
    }

    private static String text(Message message, String link) {
        var out = new StringBuilder(message.subject()).append("\n\n");
        message.lines().forEach(line -> out.append(line).append("\n\n"));
        if (link != null) {
            out.append(message.actionText()).append(": ").append(link).append("\n\n");
        }
        return out.append("-- \nCoffer. Turn emails like this one off under Security settings.\n").toString();
    }
}
