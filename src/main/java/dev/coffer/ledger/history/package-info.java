/** History pages and statements, for the browser pages. */
@NamedInterface("history")
package dev.coffer.ledger.history;

import org.springframework.modulith.NamedInterface;
