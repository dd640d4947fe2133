package dev.coffer.platform;

import java.util.Map;
import java.util.Optional;

/**
 * A domain event that belongs in the audit log. Modules publish these inside the transaction that makes the change;
 * the audit module appends them to its hash chain in that same transaction, so no change goes unrecorded.
 */
public interface AuditableEvent {

    /** A stable dotted name, e.g. {@code login.succeeded}. */
    String auditType();

    /** Who did it (a user id), when known. */
    Optional<String> actorId();

    /** What it was done to (a user, account or transfer id), when there is one. */
    Optional<String> subjectId();

    /** Extra facts worth keeping; never secrets. */
    Map<String, Object> auditData();
}
