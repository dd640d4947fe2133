/**
 * Merchants' checkout: API keys, checkout sessions, payments (holds captured or canceled), refunds, and the pay and
 * merchant pages. Moves money only through the ledger's root API.
 */
@ApplicationModule(allowedDependencies = {
        "platform", "platform :: idempotency", "platform :: openapi", "platform :: pages", "platform :: web",
        "identity", "ledger", "webhooks"})
package dev.coffer.payments;

import org.springframework.modulith.ApplicationModule;
