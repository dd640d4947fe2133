package dev.coffer.ledger;

import dev.coffer.platform.CurrencyCode;
import java.time.Instant;

/**
 * One entry of a settlement account: {@code amount} is signed from the settlement account's view (a deposit to a
 * customer is negative here, a withdrawal positive); {@code reference} is the deposit's or withdrawal's reference.
 */
public record SettlementEntry(String transferId, TransferKind kind, long amount, CurrencyCode currency,
        String reference, Instant createdAt, long entryNo) {
}
