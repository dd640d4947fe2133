package dev.coffer.platform.pages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.platform.CurrencyCode;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class AmountsTest {

    @Test
    void amountsAreWrittenAsTheViewersLocaleWritesMoneyWithGrouping() {
        assertThat(Amounts.format(1_037_450, "EUR", Locale.ENGLISH)).isEqualTo("€10,374.50");
        assertThat(Amounts.format(1_037_450, "EUR", Locale.GERMANY)).isEqualTo("10.374,50\u00a0€");
        assertThat(Amounts.format(1_037_450, "USD", Locale.US)).isEqualTo("$10,374.50");
        assertThat(Amounts.format(123_456_789, "GBP", Locale.UK)).isEqualTo("£1,234,567.89");
    }

    @Test
    void eachCurrencyKeepsItsOwnNumberOfDecimals() {
        assertThat(Amounts.format(120_000, "JPY", Locale.ENGLISH)).isEqualTo("¥120,000");
        assertThat(Amounts.format(1_234_567, "BHD", Locale.ENGLISH)).endsWith("1,234.567");
        assertThat(Amounts.format(5, "EUR", Locale.ENGLISH)).isEqualTo("€0.05");
    }

    @Test
    void negativeAmountsCarryATrueMinusSign() {
        assertThat(Amounts.format(-1_250, "EUR", Locale.ENGLISH)).isEqualTo("−€12.50");
        assertThat(Amounts.format(0, "EUR", Locale.ENGLISH)).isEqualTo("€0.00");
    }

    @Test
    void parsingIsExactAndRefusesMoreDecimalsThanTheCurrencyHas() {
        var eur = CurrencyCode.of("EUR");
        assertThat(Amounts.parse("12.50", eur)).contains(1_250L);
        assertThat(Amounts.parse("12,5", eur)).contains(1_250L);
        assertThat(Amounts.parse("12.505", eur)).isEmpty();
        assertThat(Amounts.parse("1200", CurrencyCode.of("JPY"))).contains(1_200L);
        assertThat(Amounts.parse("12.5", CurrencyCode.of("JPY"))).isEmpty();
        assertThat(Amounts.parse("-3", eur)).isEmpty();
    }
}
