package dev.coffer.platform.crypto;

import com.google.crypto.tink.KeysetHandle;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code rotate-keys}: seals every secret again under a new primary key. With the key file (one node, or the server
 * stopped on the embedded database) it does it all: the keyring with the new primary written first (so a crash
 * midway leaves a keyring that still opens every value), values re-sealed, old keys dropped. With
 * {@code COFFER_MASTER_KEY} every node's environment must learn the new key before anything is sealed with it, so the
 * first run writes the two-key keyring to {@code <data-dir>/master.key.new} for the operator to deploy, and a second
 * run (with that keyring in {@code COFFER_MASTER_KEY}) re-seals everything, online.
 */
@Component
public class KeyRotation {

    private final MasterKeyring keyring;
    private final SecretBox box;
    private final List<SealedColumn> columns;
    private final JdbcClient jdbc;

    KeyRotation(MasterKeyring keyring, SecretBox box, List<SealedColumn> columns, JdbcClient jdbc) {
        this.keyring = keyring;
        this.box = box;
        this.columns = columns;
        this.jdbc = jdbc;
    }

    /** Runs the next step of a rotation, reporting progress to {@code out}; returns the process exit code. */
    public synchronized int rotate(PrintStream out) {
        try {
            boolean inProgress = box.keyset().size() > 1;
            if (keyring.fromEnvironment() && !inProgress) {
                var path = writeNewKeyringFile(MasterKeyring.withNewPrimary(box.keyset()));
                out.println("Step 1 of 2: a keyring with a new primary key (and the current key, to open existing "
                        + "secrets) is in " + path + " (owner-only). Set COFFER_MASTER_KEY to its contents on every "
                        + "node, restart them, then run rotate-keys again to re-seal every secret under the new key.");
                return 0;
            }
            if (!inProgress) {
                var withNewPrimary = MasterKeyring.withNewPrimary(box.keyset());
                keyring.write(withNewPrimary);
                box.adopt(withNewPrimary);
                out.println("new primary key written to " + keyring.file());
            }
            resealAll(out);
            finish(MasterKeyring.primaryOnly(box.keyset()), out);
            return 0;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("key rotation failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the keyring", e);
        }
    }

    private void resealAll(PrintStream out) {
        for (var column : columns) {
            out.printf("re-sealing %s… ", column.name());
            out.printf("%d values%n", column.reseal(box));
        }
        new KeyCheck(jdbc).reseal(box);
    }

    private void finish(KeysetHandle primaryOnly, PrintStream out) throws IOException {
        if (keyring.fromEnvironment()) {
            var path = writeNewKeyringFile(primaryOnly);
            out.println("Every secret is sealed under the new key. The old key is no longer needed: set "
                    + "COFFER_MASTER_KEY to the contents of " + path + " on every node when convenient.");
            return;
        }
        keyring.write(primaryOnly);
        box.adopt(primaryOnly);
        out.println("Every secret is sealed under the new key; the old key was removed from " + keyring.file());
    }

    private Path writeNewKeyringFile(KeysetHandle keyset) throws IOException {
        var path = keyring.file().resolveSibling("master.key.new");
        new MasterKeyring(null, path).writeEnvironmentValue(keyset);
        return path;
    }
}
