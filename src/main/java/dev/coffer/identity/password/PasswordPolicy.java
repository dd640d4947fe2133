package dev.coffer.identity.password;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * NIST SP 800-63B password rules: at least 12 characters, at most 256, and not a known common password — also not
 * a common password with digits or symbols stuck on the end ("dragon2024!!"), nor one character repeated, nor the
 * email itself. No composition rules (they make passwords worse, says NIST).
 */
@Component
public class PasswordPolicy {

    public static final int MIN_CHARS = 12;
    public static final int MAX_CHARS = 256;
    private static final int MIN_STEM_CHARS = 4;
    private static final int LONG_STEM_CHARS = 8;
    private static final int MAX_SUFFIX_CHARS = 4;
    /** Keyboard rows and runs people walk along ("qwertyuiopas", "1234567890123"), forwards and backwards. */
    private static final String[] WALKS = {"qwertyuiopasdfghjklzxcvbnm", "abcdefghijklmnopqrstuvwxyz",
            "1234567890".repeat(4), "qazwsxedcrfvtgbyhnujmikolp", "azertyuiopqsdfghjklmwxcvbn"};

    private final Set<String> common;

    PasswordPolicy() {
        this.common = load("identity/common-passwords.txt");
    }

    /** Why this password is refused, or empty when it is acceptable. */
    public Optional<String> problem(String password, String email) {
        int length = password.codePointCount(0, password.length());
        if (length < MIN_CHARS) {
            return Optional.of("Use at least " + MIN_CHARS + " characters");
        }
        if (length > MAX_CHARS) {
            return Optional.of("Use at most " + MAX_CHARS + " characters");
        }
        var lower = password.toLowerCase(Locale.ROOT);
        if (lower.codePoints().distinct().count() == 1) {
            return Optional.of("Don't repeat a single character");
        }
        if (isCommon(lower) || isKeyboardWalk(lower)) {
            return Optional.of("This password is too common; choose one that is hard to guess");
        }
        if (email != null && lower.contains(email.toLowerCase(Locale.ROOT))) {
            return Optional.of("Don't use your email address in your password");
        }
        return Optional.empty();
    }

    private boolean isCommon(String lower) {
        if (common.contains(lower)) {
            return true;
        }
        var stem = lower.replaceAll("[\\d\\p{Punct}\\s]+$", "");
        if (stem.length() >= MIN_STEM_CHARS && common.contains(stem)) {
            return true;
        }
        // A long common password with a few characters stuck on ("qwertyuiop" + "as") is still that password.
        for (int cut = 1; cut <= MAX_SUFFIX_CHARS && lower.length() - cut >= LONG_STEM_CHARS; cut++) {
            if (common.contains(lower.substring(0, lower.length() - cut)) || common.contains(lower.substring(cut))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isKeyboardWalk(String lower) {
        for (var walk : WALKS) {
            if (walk.contains(lower) || new StringBuilder(walk).reverse().toString().contains(lower)) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> load(String resource) {
        var words = new HashSet<String>(40_000);
        try (var reader = new BufferedReader(new InputStreamReader(
                new ClassPathResource(resource).getInputStream(), StandardCharsets.UTF_8))) {
            for (var line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    words.add(line.strip().toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        if (words.size() < 1000) {
            throw new IllegalStateException("common password list " + resource + " looks truncated");
        }
        return Set.copyOf(words);
    }
}
