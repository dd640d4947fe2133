package dev.coffer.notifications.mail;

import java.util.Arrays;
import java.util.Optional;

/** The emails Coffer sends; each can be turned off per user. */
public enum EmailKind {
    NEW_DEVICE_LOGIN("new_device_login", "A login from a new device"),
    PASSWORD_CHANGED("password_changed", "Your password was changed"),
    SECOND_FACTOR_CHANGED("second_factor_changed", "Your two-factor login changed"),
    LARGE_TRANSFER("large_transfer", "A large transfer arrived"),
    ALERT("alert", "A balance alert"),
    STANDING_ORDER_FAILED("standing_order_failed", "A standing order could not be paid");

    private final String wireName;
    private final String description;

    EmailKind(String wireName, String description) {
        this.wireName = wireName;
        this.description = description;
    }

    public String wireName() {
        return wireName;
    }

    public String description() {
        return description;
    }

    public static Optional<EmailKind> parse(String wireName) {
        return Arrays.stream(values()).filter(k -> k.wireName.equals(wireName)).findFirst();
    }
}
