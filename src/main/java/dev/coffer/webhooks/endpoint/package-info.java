/** Webhook endpoints and their deliveries, for the merchant page. */
@NamedInterface("endpoints")
package dev.coffer.webhooks.endpoint;

import org.springframework.modulith.NamedInterface;
