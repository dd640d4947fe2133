/** Ledger verification, exposed for the {@code verify} command and the admin pages. */
@NamedInterface("verification")
package dev.coffer.ledger.admin;

import org.springframework.modulith.NamedInterface;
