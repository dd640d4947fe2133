package dev.coffer.platform.crypto;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * Where the master keyset comes from and goes to: {@code COFFER_MASTER_KEY} (a Tink JSON keyset, Base64-encoded so
 * it fits in an environment variable; the same value on every node), else {@code <data-dir>/master.key} (created on
 * the first start, readable by its owner only). A keyset holds one primary key that seals and older keys that still
 * open what they sealed, each with an id written into its ciphertexts; {@code rotate-keys} adds a primary and, once
 * every secret is sealed again, drops the old keys.
 */
public final class MasterKeyring {

    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink AEAD could not be registered", e);
        }
    }

    private final String fromEnvironment;
    private final Path file;

    /** @param fromEnvironment the value of COFFER_MASTER_KEY, or null; @param file the key file otherwise */
    public MasterKeyring(String fromEnvironment, Path file) {
        this.fromEnvironment = fromEnvironment == null || fromEnvironment.isBlank() ? null : fromEnvironment.strip();
        this.file = file;
    }

    public boolean fromEnvironment() {
        return fromEnvironment != null;
    }

    public Path file() {
        return file;
    }

    /** The keyset, creating the key file with a fresh key when neither source has one yet. */
    public KeysetHandle load() {
        try {
            if (fromEnvironment != null) {
                return parse(new String(Base64.getDecoder().decode(fromEnvironment), StandardCharsets.UTF_8));
            }
            if (Files.exists(file)) {
                return parse(Files.readString(file));
            }
            var created = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            write(created);
            return created;
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalStateException("The master key in " + source() + " is not a valid Tink keyset", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create the master key " + file, e);
        }
    }

    /** Replaces the key file's keyset atomically (owner-only permissions from the first byte). */
    public void write(KeysetHandle keyset) throws IOException {
        writeOwnerOnly(serialize(keyset));
    }

    /** Writes the keyset in the form COFFER_MASTER_KEY takes (Base64), for an operator to deploy. */
    void writeEnvironmentValue(KeysetHandle keyset) throws IOException {
        writeOwnerOnly(environmentValue(keyset));
    }

    /** The keyset in the form COFFER_MASTER_KEY takes. */
    public static String environmentValue(KeysetHandle keyset) {
        return Base64.getEncoder().encodeToString(serialize(keyset).getBytes(StandardCharsets.UTF_8));
    }

    private void writeOwnerOnly(String content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        var temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temporary, content);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The keyset with a new primary key; the old keys stay to open what they sealed. */
    public static KeysetHandle withNewPrimary(KeysetHandle keyset) throws GeneralSecurityException {
        return KeysetHandle.newBuilder(keyset)
                .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                        .withRandomId().makePrimary())
                .build();
    }

    /** The keyset with only its primary key: for after every secret was sealed again. */
    public static KeysetHandle primaryOnly(KeysetHandle keyset) throws GeneralSecurityException {
        var builder = KeysetHandle.newBuilder(keyset);
        for (int i = builder.size() - 1; i >= 0; i--) {
            if (!builder.getAt(i).isPrimary()) {
                builder.deleteAt(i);
            }
        }
        return builder.build();
    }

    String source() {
        return fromEnvironment != null ? "COFFER_MASTER_KEY" : file.toString();
    }

    private static KeysetHandle parse(String json) throws GeneralSecurityException {
        return TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
    }

    private static String serialize(KeysetHandle keyset) {
        try {
            return TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not serialize the keyset", e);
        }
    }
}
