package dev.coffer.ledger.transfer;

import dev.coffer.ledger.engine.TransferRow;
import jakarta.annotation.Nullable;
import java.time.Instant;

/** A transfer as the API shows it; transfers are immutable, so their status is always {@code posted}. */
public record TransferView(String id, String status, String kind, String fromAccountId, String toAccountId,
        long amount, String currency, @Nullable String description, @Nullable String reference, Instant createdAt) {

    public static TransferView of(TransferRow row) {
        return new TransferView(row.id(), "posted", row.kind().dbName(), row.fromAccountId(), row.toAccountId(),
                row.amount(), row.currency(), row.description(), row.reference(), row.createdAt());
    }
}
