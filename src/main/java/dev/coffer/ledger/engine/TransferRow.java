package dev.coffer.ledger.engine;

import dev.coffer.ledger.TransferKind;
import java.time.Instant;

/** A transfer as written to {@code transfers}. */
public record TransferRow(String id, TransferKind kind, String fromAccountId, String toAccountId, long amount,
        String currency, String description, String initiatedBy, String reference, Instant createdAt) {
}
