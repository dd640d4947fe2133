package dev.coffer.reconciliation;

import dev.coffer.platform.CurrencyCode;
import org.springframework.stereotype.Component;

/**
 * The four-eyes seam for adjusting entries. Today one admin's word posts an adjustment of any size; the issue that
 * brings four eyes puts its rule here (above a threshold: record a pending adjustment and answer 202 until a second
 * admin approves), and {@link Reconciliation#resolve} is the one caller.
 */
@Component
class AdjustmentApprovals {

    /** Whether this adjustment may post now on {@code adminId}'s word alone. */
    boolean mayPostAlone(String adminId, long amountMinor, CurrencyCode currency) {
        return true;
    }
}
