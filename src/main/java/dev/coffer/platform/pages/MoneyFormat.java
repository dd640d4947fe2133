package dev.coffer.platform.pages;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Exposed to every page's template as {@code ${money.format(amount, currency)}} and {@code ${money.signed(…)}}. */
@ControllerAdvice(annotations = PageController.class)
public class MoneyFormat {

    @ModelAttribute("money")
    MoneyFormat money() {
        return this;
    }

    public String format(long minor, String currency) {
        return Amounts.format(minor, currency);
    }

    public String signed(long minor, String currency) {
        return (minor > 0 ? "+" : "") + Amounts.format(minor, currency);
    }
}
