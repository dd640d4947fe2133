package dev.coffer.reconciliation.statement;

import dev.coffer.platform.ApiException;
import dev.coffer.platform.CurrencyCode;
import dev.coffer.platform.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.springframework.http.HttpStatus;

/** Bounds and conversions shared by the statement readers; every refusal is a 400 {@code invalid_statement}. */
public final class StatementLimits {

    /** A month of a busy settlement account; the body limit (2 MiB) bounds it too. */
    public static final int MAX_LINES = 10_000;
    public static final int MAX_REFERENCE_CHARS = 200;

    private StatementLimits() {
    }

    public static ApiException invalid(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid_statement", detail);
    }

    /** Minor units of a non-negative decimal amount of {@code currency}; refuses more decimals than it has. */
    public static long minorUnits(BigDecimal amount, CurrencyCode currency, String where) {
        try {
            long minor = amount.movePointRight(currency.exponent()).setScale(0, RoundingMode.UNNECESSARY)
                    .longValueExact();
            if (!Money.isValidAmount(Math.abs(minor))) {
                throw invalid(where + ": the amount must be between 0 and 10^15 minor units, and not zero");
            }
            return minor;
        } catch (ArithmeticException e) {
            throw invalid(where + ": " + amount.toPlainString() + " has more decimals than " + currency.code()
                    + " allows (" + currency.exponent() + ")");
        }
    }

    /** The reference as stored: stripped, null when blank, refused when too long or with control characters. */
    public static String reference(String raw, String where) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        var reference = raw.strip();
        if (reference.length() > MAX_REFERENCE_CHARS || reference.chars().anyMatch(Character::isISOControl)) {
            throw invalid(where + ": the reference must be at most " + MAX_REFERENCE_CHARS
                    + " characters without control characters");
        }
        return reference;
    }

    public static void requireLineCount(int lines) {
        if (lines > MAX_LINES) {
            throw invalid("A statement may have at most " + MAX_LINES + " lines; split it");
        }
    }
}
