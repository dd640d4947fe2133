/**
 * Cross-cutting building blocks every module may use: ids, money, problem+json errors, security plumbing,
 * rate limits, the embedded database. Declared open so its sub-packages are usable from every module.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package dev.coffer.platform;

import org.springframework.modulith.ApplicationModule;
