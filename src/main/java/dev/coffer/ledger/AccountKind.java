package dev.coffer.ledger;

import dev.coffer.platform.DbEnum;

/** Who an account belongs to: a person, a merchant, or the bank itself (one settlement account per currency). */
public enum AccountKind implements DbEnum {
    CUSTOMER, MERCHANT, SYSTEM;

    public static AccountKind fromDb(String name) {
        return DbEnum.fromDb(AccountKind.class, name);
    }
}
