/** Checkout sessions, for the hosted pay page. */
@NamedInterface("checkout")
package dev.coffer.payments.checkout;

import org.springframework.modulith.NamedInterface;
