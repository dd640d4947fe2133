/**
 * Who people are: users, password hashing, sessions and tokens, two-factor login, lockout, known devices,
 * roles, and the login, sign-up and security pages. Its root package is what other modules use: {@link
 * dev.coffer.identity.Users} to look people up, {@link dev.coffer.identity.IdentityEvent}s to react to.
 */
@ApplicationModule(allowedDependencies = {
        "platform", "platform :: crypto", "platform :: openapi", "platform :: pages", "platform :: ratelimit",
        "platform :: web"})
package dev.coffer.identity;

import org.springframework.modulith.ApplicationModule;
