package dev.coffer.platform.security;

import dev.coffer.platform.CofferPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;

/** Whether the current request is an app calling with a user's OAuth access token. */
final class OAuthCallers {

    private OAuthCallers() {
    }

    static boolean isCalling() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof CofferPrincipal principal
                && principal.kind() == CofferPrincipal.Kind.OAUTH;
    }
}
