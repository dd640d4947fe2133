package dev.coffer.ledger;

/** Who an account belongs to: a person, a merchant, or the bank itself (one settlement account per currency). */
public enum AccountKind {
    CUSTOMER, MERCHANT, SYSTEM;

    public String dbName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static AccountKind fromDb(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
}
