package dev.coffer.ledger.engine;

import dev.coffer.ledger.HoldStatus;
import java.time.Instant;

/** A hold's state, as loaded (locked) and as written back. */
public record HoldRow(String id, String accountId, String toAccountId, long amount, String currency,
        HoldStatus status, long capturedAmount, String captureTransferId, String reference, Instant createdAt,
        Instant expiresAt, Instant endedAt) {

    /** A hold stops reserving its money at {@code expiresAt} itself, whether or not anyone has released it yet. */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    HoldRow end(HoldStatus endStatus, long captured, String transferId, Instant now) {
        return new HoldRow(id, accountId, toAccountId, amount, currency, endStatus, captured, transferId, reference,
                createdAt, expiresAt, now);
    }
}
