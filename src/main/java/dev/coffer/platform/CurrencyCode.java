package dev.coffer.platform;

import java.util.Currency;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An ISO 4217 currency with its exponent (JPY 0, EUR 2, BHD 3). Funds, metals and the test/no-currency codes
 * (XAU, XXX, …) have no minor unit and are refused.
 */
public record CurrencyCode(String code, int exponent) {

    private static final Pattern SHAPE = Pattern.compile("[A-Z]{3}");

    public CurrencyCode {
        if (code == null || !SHAPE.matcher(code).matches()) {
            throw new IllegalArgumentException("bad currency code: " + code);
        }
        if (exponent < 0 || exponent > 4) {
            throw new IllegalArgumentException("bad exponent for " + code + ": " + exponent);
        }
    }

    /** The currency for an ISO code, or empty when it is unknown or has no minor unit. */
    public static Optional<CurrencyCode> parse(String code) {
        if (code == null || !SHAPE.matcher(code).matches()) {
            return Optional.empty();
        }
        try {
            var currency = Currency.getInstance(code);
            int digits = currency.getDefaultFractionDigits();
            return digits < 0 ? Optional.empty() : Optional.of(new CurrencyCode(code, digits));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    public static CurrencyCode of(String code) {
        return parse(code).orElseThrow(() -> new IllegalArgumentException("unknown currency: " + code));
    }

    @Override
    public String toString() {
        return code;
    }
}
