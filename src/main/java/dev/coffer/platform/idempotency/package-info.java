/** Idempotency keys: claims, stored answers, the executor for idempotent calls. */
@NamedInterface("idempotency")
package dev.coffer.platform.idempotency;

import org.springframework.modulith.NamedInterface;
