/** Password change, for the browser pages. */
@NamedInterface("me")
package dev.coffer.identity.me;

import org.springframework.modulith.NamedInterface;
