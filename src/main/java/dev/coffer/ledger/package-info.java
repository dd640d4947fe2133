/**
 * The money: accounts, group-committed double-entry transfers, holds, history, statements, the verifier, and the
 * pages that show them. Only the ledger writes balances; other modules ask through {@link dev.coffer.ledger.Ledger}
 * (and {@link dev.coffer.ledger.SettlementLedger}) and react to {@link dev.coffer.ledger.LedgerChanges}.
 */
@ApplicationModule(allowedDependencies = {
        "platform", "platform :: db", "platform :: idempotency", "platform :: openapi", "platform :: pages",
        "platform :: web", "identity", "audit"})
package dev.coffer.ledger;

import org.springframework.modulith.ApplicationModule;
