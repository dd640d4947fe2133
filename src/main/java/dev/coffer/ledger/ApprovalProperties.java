package dev.coffer.ledger;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Four eyes ({@code coffer.admin.approval-threshold}, minor units of the account's currency): an admin deposit or
 * withdrawal at or above it waits for a second, different admin.
 */
@ConfigurationProperties("coffer.admin")
public record ApprovalProperties(@DefaultValue("1000000") long approvalThreshold) {

    public ApprovalProperties {
        if (approvalThreshold < 1) {
            throw new IllegalArgumentException("coffer.admin.approval-threshold must be positive");
        }
    }
}
