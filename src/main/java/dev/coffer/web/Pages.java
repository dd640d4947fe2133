package dev.coffer.web;

import dev.coffer.identity.Users;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.Role;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page's header needs: who is logged in and what they may see, plus the money formatter. Scoped to the
 * page controllers: the JSON API must not pay for the header's user lookup.
 */
@ControllerAdvice(basePackageClasses = Pages.class)
class Pages {

    private final Users users;

    Pages(Users users) {
        this.users = users;
    }

    record Viewer(String name, boolean merchant, boolean admin) {
    }

    @ModelAttribute("viewer")
    Viewer viewer(@AuthenticationPrincipal CofferPrincipal principal) {
        if (principal == null) {
            return null;
        }
        var name = users.find(principal.userId()).map(u -> u.displayName()).orElse("");
        return new Viewer(name, principal.has(Role.MERCHANT), principal.has(Role.ADMIN));
    }

    @ModelAttribute("money")
    MoneyFormat money() {
        return MoneyFormat.INSTANCE;
    }

    /** Exposed to templates as {@code ${money.format(amount, currency)}}. */
    public static final class MoneyFormat {
        static final MoneyFormat INSTANCE = new MoneyFormat();

        public String format(long minor, String currency) {
            return Amounts.format(minor, currency);
        }

        public String signed(long minor, String currency) {
            return (minor > 0 ? "+" : "") + Amounts.format(minor, currency);
        }
    }
}
