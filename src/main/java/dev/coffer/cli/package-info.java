/**
 * The one-shot commands of the jar: {@code verify}, {@code rotate-keys}, the demo seeder and the {@code bench} load
 * generator (which speaks only the public HTTP API).
 */
@ApplicationModule(allowedDependencies = {"platform", "platform :: crypto", "audit", "identity", "ledger"})
package dev.coffer.cli;

import org.springframework.modulith.ApplicationModule;
