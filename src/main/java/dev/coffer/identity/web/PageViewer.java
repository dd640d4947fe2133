package dev.coffer.identity.web;

import dev.coffer.identity.Users;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.Role;
import dev.coffer.platform.pages.PageController;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page's header needs: who is logged in and what they may see. Scoped to page controllers: the JSON API
 * must not pay for the header's user lookup.
 */
@ControllerAdvice(annotations = PageController.class)
class PageViewer {

    private final Users users;

    PageViewer(Users users) {
        this.users = users;
    }

    /** The header's viewer: name, and whether the merchant and admin links show. */
    public record Viewer(String name, boolean merchant, boolean admin) {
    }

    @ModelAttribute("viewer")
    Viewer viewer(@AuthenticationPrincipal CofferPrincipal principal) {
        if (principal == null) {
            return null;
        }
        var name = users.find(principal.userId()).map(u -> u.displayName()).orElse("");
        return new Viewer(name, principal.has(Role.MERCHANT), principal.has(Role.ADMIN));
    }
}
