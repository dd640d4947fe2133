package dev.coffer.platform;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Opaque, unguessable identifiers with a type prefix ({@code acc_…}, {@code usr_…}): 130 random bits written as
 * 26 lower-case base-32 characters. Never sequential, so an id reveals nothing and cannot be probed.
 */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final int RANDOM_CHARS = 26;
    private static final Pattern PREFIX = Pattern.compile("[a-z]{2,5}");
    private static final Pattern BODY = Pattern.compile("[a-z2-7]{" + RANDOM_CHARS + "}");

    private Ids() {
    }

    public static String newId(String prefix) {
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("bad id prefix: " + prefix);
        }
        return prefix + "_" + randomToken(RANDOM_CHARS);
    }

    /** Random base-32 text of the given length, 5 bits per character. */
    public static String randomToken(int chars) {
        var out = new char[chars];
        var bytes = new byte[chars];
        RANDOM.nextBytes(bytes);
        for (int i = 0; i < chars; i++) {
            out[i] = ALPHABET[bytes[i] & 31];
        }
        return new String(out);
    }

    public static byte[] randomBytes(int count) {
        var bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** An id of this kind's shape, for documentation. */
    public static String example(String prefix) {
        return prefix + "_" + "a".repeat(RANDOM_CHARS);
    }

    /** The shape of this kind's ids in words, for documentation. */
    public static String describeShape(String prefix) {
        return "`" + prefix + "_` and " + RANDOM_CHARS + " characters from a-z and 2-7";
    }

    /** True when {@code id} has the shape of an id with one of these prefixes. */
    public static boolean looksLikeAny(String id, String... prefixes) {
        for (var prefix : prefixes) {
            if (looksLike(id, prefix)) {
                return true;
            }
        }
        return false;
    }

    /** True when {@code id} has the shape of an id with this prefix; a cheap guard before any lookup. */
    public static boolean looksLike(String id, String prefix) {
        Objects.requireNonNull(prefix);
        if (id == null || !id.startsWith(prefix + "_")) {
            return false;
        }
        return BODY.matcher(id.substring(prefix.length() + 1)).matches();
    }
}
