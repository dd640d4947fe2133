package dev.coffer.ledger;

import dev.coffer.platform.DbEnum;

/** Only active accounts send or receive money; a frozen one does neither until unfrozen. */
public enum AccountStatus implements DbEnum {
    ACTIVE, FROZEN, CLOSED;

    public static AccountStatus fromDb(String name) {
        return DbEnum.fromDb(AccountStatus.class, name);
    }
}
