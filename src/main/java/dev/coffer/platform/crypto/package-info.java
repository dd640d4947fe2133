/** Secrets at rest: the master keyring and the box that seals and opens secrets. */
@NamedInterface("crypto")
package dev.coffer.platform.crypto;

import org.springframework.modulith.NamedInterface;
