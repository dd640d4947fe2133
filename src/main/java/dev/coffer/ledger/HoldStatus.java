package dev.coffer.ledger;

import dev.coffer.platform.DbEnum;

/** A hold is pending until captured, voided, or expired; the last three are final. */
public enum HoldStatus implements DbEnum {
    PENDING, CAPTURED, VOIDED, EXPIRED;

    public static HoldStatus fromDb(String name) {
        return DbEnum.fromDb(HoldStatus.class, name);
    }
}
