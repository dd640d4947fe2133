/**
 * The shared kernel every module builds on: ids, money, problem+json errors, credentials' annotations, and in its
 * named sub-packages the idempotency store, the page helpers, the OpenAPI document, database plumbing, secrets at
 * rest and rate limits. It depends on no module.
 */
@ApplicationModule(allowedDependencies = {})
package dev.coffer.platform;

import org.springframework.modulith.ApplicationModule;
