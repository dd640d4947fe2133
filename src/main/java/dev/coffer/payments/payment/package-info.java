/** Paying, capturing and refunding, for the browser pages. */
@NamedInterface("payments")
package dev.coffer.payments.payment;

import org.springframework.modulith.NamedInterface;
