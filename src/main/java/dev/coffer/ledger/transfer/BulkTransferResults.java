package dev.coffer.ledger.transfer;

import jakarta.annotation.Nullable;
import java.util.List;

/** The answer to a bulk transfer request: one result per transfer asked for, in the request's order. */
public record BulkTransferResults(List<BulkTransferResult> results) {

    /** What became of the transfer at {@code index}: posted (201, with the transfer) or refused (with its problem). */
    public record BulkTransferResult(int index, int status, @Nullable TransferView transfer, @Nullable BulkTransferProblem problem) {
    }

    /** A refused item's problem, shaped like the problem+json a single transfer would have answered. */
    public record BulkTransferProblem(String type, String title, int status, String detail, String code) {
    }
}
