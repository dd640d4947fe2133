/** Registration, for the browser pages. */
@NamedInterface("users")
package dev.coffer.identity.user;

import org.springframework.modulith.NamedInterface;
