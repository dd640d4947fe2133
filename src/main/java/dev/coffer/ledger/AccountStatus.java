package dev.coffer.ledger;

/** Only active accounts send or receive money; a frozen one does neither until unfrozen. */
public enum AccountStatus {
    ACTIVE, FROZEN, CLOSED;

    public String dbName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static AccountStatus fromDb(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
}
