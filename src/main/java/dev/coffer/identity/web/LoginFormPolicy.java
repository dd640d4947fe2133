package dev.coffer.identity.web;

import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.Optional;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The login page's Content-Security-Policy when the login is for an app ("Log in with Coffer"): after the last
 * step the browser goes back to the authorization endpoint, which (for an app already allowed) redirects to the
 * app, and browsers apply {@code form-action} to a form's redirects. So the app's {@code redirect_uri} origin is
 * allowed as well; the authorization endpoint has already checked it against the app's registration, and checks it
 * again before it redirects anywhere.
 */
final class LoginFormPolicy {

    private static final String AUTHORIZE = "/oauth2/authorize";

    private LoginFormPolicy() {
    }

    static void apply(String next, HttpServletResponse response) {
        appOrigin(next).ifPresent(origin -> response.setHeader("Content-Security-Policy",
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
                        + "base-uri 'none'; form-action 'self' " + origin + "; frame-ancestors 'none'"));
    }

    static Optional<String> appOrigin(String next) {
        if (next == null || !next.startsWith(AUTHORIZE + "?")) {
            return Optional.empty();
        }
        try {
            var redirect = UriComponentsBuilder.fromUriString(next).build().getQueryParams().getFirst("redirect_uri");
            if (redirect == null) {
                return Optional.empty();
            }
            var uri = URI.create(java.net.URLDecoder.decode(redirect, java.nio.charset.StandardCharsets.UTF_8));
            var scheme = uri.getScheme();
            if (uri.getRawAuthority() == null || !("https".equals(scheme) || "http".equals(scheme))
                    || !uri.getRawAuthority().matches("[A-Za-z0-9.\\-\\[\\]:]+")) {
                return Optional.empty();
            }
            return Optional.of(scheme + "://" + uri.getRawAuthority());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
