/**
 * Bank statement reconciliation: imports the bank's statements of the settlement accounts (ISO 20022 camt.053 or
 * CSV), matches their lines one-to-one to the ledger's deposits and withdrawals, and keeps what does not match in an
 * exception queue until an admin links or adjusts it. Reads the ledger and posts adjustments only through
 * {@link dev.coffer.ledger.SettlementLedger}; never reads the ledger's tables.
 */
@ApplicationModule(allowedDependencies = {
        "platform", "platform :: openapi", "platform :: pages", "platform :: web", "ledger"})
package dev.coffer.reconciliation;

import org.springframework.modulith.ApplicationModule;
