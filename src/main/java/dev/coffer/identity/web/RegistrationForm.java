package dev.coffer.identity.web;

import java.util.regex.Pattern;

/** The checks the JSON API gets from bean validation, for the registration form. */
final class RegistrationForm {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s\\p{Cntrl}]+@[^@\\s\\p{Cntrl}]+");

    private RegistrationForm() {
    }

    /** Why the form cannot be sent on, or null. */
    static String problem(String email, String displayName) {
        if (email.isBlank() || email.length() > 254 || !EMAIL.matcher(email.strip()).matches()) {
            return "Enter a valid email address.";
        }
        if (displayName.isBlank() || displayName.length() > 100 || displayName.chars().anyMatch(Character::isISOControl)) {
            return "Enter your name (up to 100 characters).";
        }
        return null;
    }
}
