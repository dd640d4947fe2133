package dev.coffer.ledger;

import dev.coffer.platform.DbEnum;

/** Why money moved: shown in history and statements. */
public enum TransferKind implements DbEnum {
    TRANSFER, DEPOSIT, WITHDRAWAL, PAYMENT, REFUND;

    public static TransferKind fromDb(String name) {
        return DbEnum.fromDb(TransferKind.class, name);
    }
}
