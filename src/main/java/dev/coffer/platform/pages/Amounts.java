package dev.coffer.platform.pages;

import dev.coffer.platform.CurrencyCode;
import dev.coffer.platform.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.context.i18n.LocaleContextHolder;

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

    /**
     * The amount as the viewer writes money: the locale of the current request (its {@code Accept-Language}, English
     * when it sends none), with grouping separators and the currency's own number of decimals ("€10,374.50",
     * "10.374,50 €", "¥1,200"). Negative amounts carry a true minus sign ("−€12.50").
     */
    public static String format(long minor, String currencyCode) {
        return format(minor, currencyCode, LocaleContextHolder.getLocale());
    }

    public static String format(long minor, String currencyCode, Locale locale) {
        var currency = CurrencyCode.of(currencyCode);
        var format = NumberFormat.getCurrencyInstance(locale);
        format.setCurrency(Currency.getInstance(currency.code()));
        format.setMinimumFractionDigits(currency.exponent());
        format.setMaximumFractionDigits(currency.exponent());
        var major = Money.of(Math.abs(minor), currency).toMajor();
        return (minor < 0 ? "−" : "") + format.format(major);
    }
}
