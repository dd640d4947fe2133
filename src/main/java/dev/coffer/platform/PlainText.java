package dev.coffer.platform;

import java.util.Optional;

/**
 * The one rule for text Coffer accepts from clients: no control characters (U+0000 to U+001F, U+007F to U+009F:
 * NUL, which PostgreSQL refuses, newlines, escapes) and no unpaired surrogate (not a character at all, and not
 * storable as UTF-8). Names, descriptions, references and every other string of a request are one line of text.
 */
public final class PlainText {

    /** The rule as a regular expression (ECMA-262 and Java alike), for the OpenAPI document. */
    public static final String PATTERN = "^[^\\u0000-\\u001F\\u007F-\\u009F]*$";

    private PlainText() {
    }

    /** Why {@code text} is refused, or empty when it is plain. */
    public static Optional<String> problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                return Optional.of("must not contain control characters (found U+%04X)".formatted((int) c));
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of("must not contain an unpaired surrogate (U+%04X)".formatted((int) c));
            }
        }
        return Optional.empty();
    }
}
