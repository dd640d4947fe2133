package dev.coffer.ledger;

/** Why money moved: shown in history and statements. */
public enum TransferKind {
    TRANSFER, DEPOSIT, WITHDRAWAL, PAYMENT, REFUND;

    public String dbName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static TransferKind fromDb(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
}
