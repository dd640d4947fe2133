package dev.coffer.platform;

import java.util.Locale;

/**
 * An enum stored in a text column as its lower-case name ({@code AccountKind.SYSTEM} ↔ {@code 'system'}), the same
 * words the API uses. The columns' CHECK constraints list the same words.
 */
public interface DbEnum {

    String name();

    default String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The constant stored as {@code dbName}; an unknown name is a programmer error (the schema forbids it). */
    static <E extends Enum<E> & DbEnum> E fromDb(Class<E> type, String dbName) {
        return Enum.valueOf(type, dbName.toUpperCase(Locale.ROOT));
    }
}
