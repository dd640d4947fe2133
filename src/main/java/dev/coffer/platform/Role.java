package dev.coffer.platform;

import java.util.Locale;
import java.util.Optional;

/** What a user may do: everyone is a customer; merchants sell; admins run the bank. */
public enum Role {
    CUSTOMER, MERCHANT, ADMIN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> parse(String wireName) {
        for (var role : values()) {
            if (role.wireName().equals(wireName)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
