package dev.coffer.platform.crypto;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One known value sealed under the master key on the first start, opened on every start after: proves that the
 * key this node holds is the one the database's secrets were sealed with.
 */
final class KeyCheck {

    private static final String KNOWN = "coffer master key check";
    private static final String BINDING = "key-check";

    private final JdbcClient jdbc;

    KeyCheck(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void verify(SecretBox box, String keySource) {
        jdbc.sql("INSERT INTO crypto_key_check (id, sealed) VALUES (1, :sealed) ON CONFLICT (id) DO NOTHING")
                .param("sealed", box.seal(KNOWN, BINDING)).update();
        var stored = jdbc.sql("SELECT sealed FROM crypto_key_check WHERE id = 1").query(String.class).single();
        try {
            if (!KNOWN.equals(box.open(stored, BINDING))) {
                throw new IllegalStateException("key check value altered");
            }
        } catch (IllegalStateException e) {
            throw new IllegalStateException("The master key from " + keySource + " does not open this database's "
                    + "secrets: it is not the key they were sealed with. Start with the right COFFER_MASTER_KEY (or "
                    + "<data-dir>/master.key, e.g. restored from your backup).", e);
        }
    }

    /** After a rotation: the check value sealed again under the new primary key. */
    void reseal(SecretBox box) {
        jdbc.sql("UPDATE crypto_key_check SET sealed = :sealed WHERE id = 1")
                .param("sealed", box.seal(KNOWN, BINDING)).update();
    }
}
