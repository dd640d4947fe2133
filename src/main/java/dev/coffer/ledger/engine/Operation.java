package dev.coffer.ledger.engine;

import dev.coffer.ledger.HoldStatus;
import dev.coffer.ledger.TransferKind;
import dev.coffer.platform.CurrencyCode;
import java.time.Instant;
import java.util.Objects;

/** One change to the books, applied by the {@link Planner} under the account locks. */
public sealed interface Operation {

    /** Moves {@code amount} from one account to another: one transfer, a debit and a credit. */
    record PostTransfer(String transferId, TransferKind kind, String fromAccountId, String toAccountId, long amount,
            CurrencyCode currency, String description, String initiatedBy, String reference) implements Operation {
        public PostTransfer {
            Objects.requireNonNull(transferId);
            Objects.requireNonNull(kind);
            Objects.requireNonNull(fromAccountId);
            Objects.requireNonNull(toAccountId);
            Objects.requireNonNull(currency);
        }
    }

    /** Reserves {@code amount} on an account (it becomes pending) for a later capture to {@code toAccountId}. */
    record PlaceHold(String holdId, String fromAccountId, String toAccountId, long amount, CurrencyCode currency,
            Instant expiresAt, String reference) implements Operation {
        public PlaceHold {
            Objects.requireNonNull(holdId);
            Objects.requireNonNull(fromAccountId);
            Objects.requireNonNull(toAccountId);
            Objects.requireNonNull(currency);
            Objects.requireNonNull(expiresAt);
        }
    }

    /** Captures part or all of a pending hold as a transfer; the rest is released. */
    record CaptureHold(String holdId, long amount, String transferId, TransferKind kind, String description,
            String initiatedBy) implements Operation {
        public CaptureHold {
            Objects.requireNonNull(holdId);
            Objects.requireNonNull(transferId);
            Objects.requireNonNull(kind);
        }
    }

    /** Ends a pending hold without moving money: voided on request, or expired. */
    record ReleaseHold(String holdId, HoldStatus endStatus) implements Operation {
        public ReleaseHold {
            Objects.requireNonNull(holdId);
            if (endStatus != HoldStatus.VOIDED && endStatus != HoldStatus.EXPIRED) {
                throw new IllegalArgumentException("a released hold ends voided or expired, not " + endStatus);
            }
        }
    }

    /** Account ids this operation reads or changes (holds name theirs only once loaded). */
    default java.util.List<String> accountIds() {
        return switch (this) {
            case PostTransfer t -> java.util.List.of(t.fromAccountId(), t.toAccountId());
            case PlaceHold h -> java.util.List.of(h.fromAccountId(), h.toAccountId());
            case CaptureHold c -> java.util.List.of();
            case ReleaseHold r -> java.util.List.of();
        };
    }

    /** The existing hold this operation acts on, which must be locked before the accounts. */
    default java.util.Optional<String> existingHoldId() {
        return switch (this) {
            case PostTransfer t -> java.util.Optional.empty();
            case PlaceHold h -> java.util.Optional.empty();
            case CaptureHold c -> java.util.Optional.of(c.holdId());
            case ReleaseHold r -> java.util.Optional.of(r.holdId());
        };
    }
}
