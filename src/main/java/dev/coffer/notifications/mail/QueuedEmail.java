package dev.coffer.notifications.mail;

import java.time.Instant;

/** One email in the outbox. */
record QueuedEmail(String id, String userId, EmailKind kind, String toAddress, String subject, String bodyHtml,
        String bodyText, int attempts, Instant createdAt, Instant lease) {
}
