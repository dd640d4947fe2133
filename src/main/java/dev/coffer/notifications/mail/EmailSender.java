package dev.coffer.notifications.mail;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the outbox's due emails on every node: each is claimed by one node (a lease), sent, and recorded as sent;
 * a failure is retried with backoff until {@code give-up-after}. A crash before the record sends the mail again
 * after the lease runs out, with the same Message-ID.
 */
@Component
class EmailSender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EmailSender.class);
    private static final int MAX_ERROR_CHARS = 300;

    private final EmailOutboxRepository outbox;
    private final SmtpGateway smtp;
    private final MailProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;
    private volatile boolean running;
    private volatile Thread worker;

    EmailSender(EmailOutboxRepository outbox, SmtpGateway smtp, MailProperties properties, TransactionTemplate tx,
            Clock clock) {
        this.outbox = outbox;
        this.smtp = smtp;
        this.properties = properties;
        this.tx = tx;
        this.clock = clock;
    }

    void wakeUp() {
        var thread = worker;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    /** Sends what is due now; returns how many were sent. */
    int sendDue() {
        var now = clock.instant();
        var claimed = tx.execute(s -> outbox.claim(now, now.plus(properties.lease()), properties.batch()));
        int sent = 0;
        for (var email : claimed) {
            String error = null;
            try {
                smtp.send(properties.from(), email);
            } catch (Exception e) {
                error = truncate(e.toString());
            }
            sent += record(email, error) ? 1 : 0;
        }
        return sent;
    }

    private boolean record(QueuedEmail email, String error) {
        var now = clock.instant();
        String status = "sent";
        var next = now;
        if (error != null) {
            boolean givingUp = !now.isBefore(email.createdAt().plus(properties.giveUpAfter()));
            status = givingUp ? "failed" : "pending";
            next = now.plus(properties.delayAfter(email.attempts() + 1));
            log.warn("email {} not sent ({}): {}", email.id(), givingUp ? "giving up" : "will retry", error);
        }
        final var nextAttempt = next;
        final var finalStatus = status;
        final var finalError = error;
        Boolean recorded = tx.execute(s -> outbox.record(email, finalStatus, nextAttempt, finalError, now));
        return "sent".equals(status) && Boolean.TRUE.equals(recorded);
    }

    private void loop() {
        while (running) {
            try {
                if (smtp.enabled()) {
                    sendDue();
                }
            } catch (RuntimeException e) {
                log.warn("email outbox poll failed: {}", e.toString());
            }
            LockSupport.parkNanos(properties.pollInterval().toNanos());
        }
    }

    private static String truncate(String text) {
        return text.length() <= MAX_ERROR_CHARS ? text : text.substring(0, MAX_ERROR_CHARS);
    }

    @Override
    public void start() {
        running = true;
        worker = Thread.ofPlatform().name("email-sender").daemon().start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        wakeUp();
        var thread = worker;
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
