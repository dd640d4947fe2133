/**
 * Merchants' webhooks: endpoints, the transactional outbox of their events, signed delivery with retries and
 * Standard Webhooks headers. {@link dev.coffer.webhooks.WebhookEndpoints} is what the merchant page uses.
 */
@ApplicationModule(allowedDependencies = {
        "platform", "platform :: crypto", "platform :: openapi", "platform :: web", "ledger"})
package dev.coffer.webhooks;

import org.springframework.modulith.ApplicationModule;
