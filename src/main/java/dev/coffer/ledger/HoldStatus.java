package dev.coffer.ledger;

/** A hold is pending until captured, voided, or expired; the last three are final. */
public enum HoldStatus {
    PENDING, CAPTURED, VOIDED, EXPIRED;

    public String dbName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static HoldStatus fromDb(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
}
