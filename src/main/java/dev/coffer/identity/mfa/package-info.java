/** Two-factor enrolment, for the browser pages. */
@NamedInterface("mfa")
package dev.coffer.identity.mfa;

import org.springframework.modulith.NamedInterface;
