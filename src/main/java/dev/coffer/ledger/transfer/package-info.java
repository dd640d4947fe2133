/** Money movements (group-committed), for the browser pages. */
@NamedInterface("transfers")
package dev.coffer.ledger.transfer;

import org.springframework.modulith.NamedInterface;
