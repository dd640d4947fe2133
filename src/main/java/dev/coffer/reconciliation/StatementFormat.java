package dev.coffer.reconciliation;

import dev.coffer.platform.DbEnum;

/** The statement formats Coffer reads, with their stored names. */
public enum StatementFormat implements DbEnum {
    CAMT053, CSV
}
