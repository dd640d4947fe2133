package dev.coffer.platform.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Objects;

/**
 * Seals the few secrets Coffer must be able to read back (TOTP seeds, webhook signing secrets) with AES-256-GCM
 * under the master keyset. Each sealed value names the purpose and row it belongs to as associated data, so a
 * ciphertext copied into another row or column does not open. Sealed values read {@code sealed:v1:<Base64>}; the
 * Tink prefix inside carries the id of the key that sealed it.
 */
public final class SecretBox {

    static final String PREFIX = "sealed:v1:";

    /** The keyset and its primitive, swapped together when a rotation hands this node a new keyset. */
    private record Keys(KeysetHandle keyset, Aead aead) {
    }

    private volatile Keys keys;

    public SecretBox(KeysetHandle keyset) {
        adopt(keyset);
    }

    public KeysetHandle keyset() {
        return keys.keyset();
    }

    /**
     * From now on seals with {@code keyset}'s primary key and opens with any of its keys: used by a rotation on the
     * node that runs it, so this node never writes a value its own keyring could not open.
     */
    public void adopt(KeysetHandle keyset) {
        Objects.requireNonNull(keyset);
        try {
            keys = new Keys(keyset, keyset.getPrimitive(RegistryConfiguration.get(), Aead.class));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the master keyset holds no usable AEAD key", e);
        }
    }

    /** Seals {@code plaintext} for the row named by {@code binding} (e.g. {@code "totp:usr_…"}). */
    public String seal(String plaintext, String binding) {
        try {
            var ciphertext = keys.aead().encrypt(plaintext.getBytes(StandardCharsets.UTF_8), ad(binding));
            return PREFIX + Base64.getEncoder().encodeToString(ciphertext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing failed", e);
        }
    }

    /** Opens a sealed value; a wrong key, a moved or altered value is a programmer or operator error, not input. */
    public String open(String sealed, String binding) {
        if (!isSealed(sealed)) {
            throw new IllegalStateException("a secret for " + binding + " is not sealed");
        }
        try {
            var plaintext = keys.aead().decrypt(Base64.getDecoder().decode(sealed.substring(PREFIX.length())), ad(binding));
            return new String(plaintext, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the secret for " + binding
                    + " does not open with the master key (wrong key, or the value was moved or altered)", e);
        }
    }

    /** True when {@code value} is sealed (rows written before sealing existed hold the secret in clear). */
    public static boolean isSealed(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    private static byte[] ad(String binding) {
        return ("coffer:" + binding).getBytes(StandardCharsets.UTF_8);
    }
}
