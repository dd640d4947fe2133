package dev.coffer.identity.oauth;

import dev.coffer.identity.session.SessionService;
import dev.coffer.platform.BearerAuthenticator;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.web.BrowserCookie;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.oidc.web.authentication.OidcLogoutAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

/**
 * RP-initiated logout: after the library has checked the {@code id_token_hint} (ours, for this client) and the
 * {@code post_logout_redirect_uri} (registered), ends the browser's Coffer session, if it is the user the ID token
 * names, and then lets the library redirect back to the app.
 */
@Component
class OidcLogoutResponse implements AuthenticationSuccessHandler {

    private final List<BearerAuthenticator> authenticators;
    private final SessionService sessions;
    private final OidcLogoutAuthenticationSuccessHandler redirect = new OidcLogoutAuthenticationSuccessHandler();

    OidcLogoutResponse(List<BearerAuthenticator> authenticators, SessionService sessions) {
        this.authenticators = List.copyOf(authenticators);
        this.sessions = sessions;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws IOException, ServletException {
        if (authentication instanceof OidcLogoutAuthenticationToken logout && logout.getIdToken() != null) {
            var subject = logout.getIdToken().getSubject();
            BrowserCookie.SESSION.read(request)
                    .flatMap(token -> authenticators.stream().filter(a -> a.claims(token)).findFirst()
                            .flatMap(a -> a.authenticate(token)))
                    .filter(CofferPrincipal::isSession)
                    .filter(principal -> principal.userId().equals(subject))
                    .ifPresent(principal -> {
                        sessions.logout(principal.userId(), principal.credentialId());
                        BrowserCookie.SESSION.clear(request, response);
                    });
        }
        redirect.onAuthenticationSuccess(request, response, authentication);
    }
}
