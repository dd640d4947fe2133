package dev.coffer.platform;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An amount of money in integer minor units of one currency. Arithmetic is exact and overflow-checked:
 * money never passes through floating point.
 */
public record Money(long amountMinor, CurrencyCode currency) {

    /** The contract's upper bound for one amount: 10^15 minor units. */
    public static final long MAX_AMOUNT_MINOR = 1_000_000_000_000_000L;

    public Money {
        Objects.requireNonNull(currency, "currency");
    }

    public static Money of(long amountMinor, CurrencyCode currency) {
        return new Money(amountMinor, currency);
    }

    /** The amount in major units, e.g. 1250 EUR minor units → 12.50. */
    public BigDecimal toMajor() {
        return BigDecimal.valueOf(amountMinor, currency.exponent());
    }

    /** "12.50 EUR": unambiguous for every currency, used on pages and in statements. */
    public String format() {
        return toMajor().toPlainString() + " " + currency.code();
    }

    /** A valid amount for one money movement: 1 .. 10^15 minor units. */
    public static boolean isValidAmount(long amountMinor) {
        return amountMinor > 0 && amountMinor <= MAX_AMOUNT_MINOR;
    }
}
