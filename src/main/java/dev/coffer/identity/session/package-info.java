/** Logins and sessions, for the browser pages. */
@NamedInterface("sessions")
package dev.coffer.identity.session;

import org.springframework.modulith.NamedInterface;
