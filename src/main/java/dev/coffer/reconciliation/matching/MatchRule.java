package dev.coffer.reconciliation.matching;

import dev.coffer.platform.DbEnum;

/** Why a statement line and a ledger entry were paired; stored with the pair so every match can be explained. */
public enum MatchRule implements DbEnum {
    /** The line's reference is the transfer's id or the deposit's/withdrawal's reference (same amount, ≤ 7 days). */
    REFERENCE,
    /** Same amount and direction, dates at most 2 days apart. */
    AMOUNT_DATE,
    /** An admin linked them. */
    MANUAL,
    /** An admin resolved the line with an adjusting transfer. */
    ADJUSTMENT
}
