/** Merchants' API keys, for the merchant page. */
@NamedInterface("apikeys")
package dev.coffer.payments.apikey;

import org.springframework.modulith.NamedInterface;
