package dev.coffer.platform.crypto;

/**
 * A column of sealed secrets, owned and described by the module whose table it is (the crypto service never
 * reads other modules' tables). Used at start-up to seal rows still in clear and by {@code rotate-keys}.
 */
public interface SealedColumn {

    /** For progress output, e.g. {@code "users.totp_secret"}. */
    String name();

    /**
     * Rewrites every value of the column sealed by {@code box}'s primary key: clear values are sealed, sealed ones
     * opened (with whichever of the box's keys sealed them) and sealed again. Each row is updated only if it still
     * holds what was read, so it is safe while the application runs. Returns the number of rows rewritten.
     */
    int reseal(SecretBox box);

    /** Seals the values still in clear (rows from before sealing existed); returns how many. */
    int sealClearValues(SecretBox box);
}
