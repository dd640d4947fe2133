package dev.coffer.reconciliation;

/** The statement formats Coffer reads, with their stored names. */
public enum StatementFormat {
    CAMT053("camt053"), CSV("csv");

    private final String dbName;

    StatementFormat(String dbName) {
        this.dbName = dbName;
    }

    public String dbName() {
        return dbName;
    }
}
