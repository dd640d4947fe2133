/**
 * Scheduled money: recurring prices, subscriptions with their invoices, renewals and dunning, standing orders
 * (scheduled transfers); and, on a cluster-safe persistent scheduler (db-scheduler on
 * PostgreSQL), each occurrence run exactly once under a deterministic key (schedule id + occurrence) written in the
 * same transaction as its ledger transfer. Moves money only through the ledger's root API.
 */
@ApplicationModule(allowedDependencies = {
        "platform", "platform :: openapi", "platform :: pages", "platform :: web", "identity", "ledger",
        "payments"})
package dev.coffer.billing;

import org.springframework.modulith.ApplicationModule;
