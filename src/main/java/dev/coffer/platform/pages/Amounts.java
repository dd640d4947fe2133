package dev.coffer.platform.pages;

import dev.coffer.platform.CurrencyCode;
import dev.coffer.platform.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;
import java.util.regex.Pattern;

/** People type amounts as decimal text ("12.50"); the ledger counts minor units. Exact conversions both ways. */
public final class Amounts {

    private static final Pattern DECIMAL = Pattern.compile("\\d{1,16}(\\.\\d{1,4})?");

    private Amounts() {
    }

    /** Minor units for text like "12.50" in this currency; empty when it is not a valid positive amount. */
    public static Optional<Long> parse(String text, CurrencyCode currency) {
        if (text == null) {
            return Optional.empty();
        }
        var clean = text.strip().replace(",", ".");
        if (!DECIMAL.matcher(clean).matches()) {
            return Optional.empty();
        }
        var value = new BigDecimal(clean);
        if (value.scale() > currency.exponent()) {
            return Optional.empty();
        }
        try {
            long minor = value.movePointRight(currency.exponent()).setScale(0, RoundingMode.UNNECESSARY).longValueExact();
            return Money.isValidAmount(minor) ? Optional.of(minor) : Optional.empty();
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** "€12.50"-style text for the currencies people here use most, "12.50 BHD"-style for the rest. */
    public static String format(long minor, String currencyCode) {
        var currency = CurrencyCode.of(currencyCode);
        var major = Money.of(minor, currency).toMajor().toPlainString();
        var sign = major.startsWith("-") ? "−" : "";
        var digits = major.startsWith("-") ? major.substring(1) : major;
        return switch (currency.code()) {
            case "EUR" -> sign + "€" + digits;
            case "USD" -> sign + "$" + digits;
            case "GBP" -> sign + "£" + digits;
            default -> sign + digits + " " + currency.code();
        };
    }
}
