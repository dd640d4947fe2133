/**
 * What people are told as it happens: the user event outbox (written in the transaction of each change), server-sent
 * event streams fed from it on any node, balance alerts, and email (also of billing's refused standing-order runs).
 */
@ApplicationModule(allowedDependencies = {
        "platform", "platform :: openapi", "platform :: web", "ledger", "identity", "billing"})
package dev.coffer.notifications;

import org.springframework.modulith.ApplicationModule;
