/**
 * The append-only, hash-chained audit log: every module's auditable events, written in their transactions, and
 * the chain's check.
 */
@ApplicationModule(allowedDependencies = {"platform", "platform :: openapi", "platform :: web"})
package dev.coffer.audit;

import org.springframework.modulith.ApplicationModule;
