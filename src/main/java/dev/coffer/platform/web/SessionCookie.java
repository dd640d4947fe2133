package dev.coffer.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/**
 * The browser session cookie: an opaque token (checked against PostgreSQL, so any node accepts it and logout kills
 * it everywhere), HttpOnly so scripts cannot read it, SameSite=Lax so other sites cannot post with it (a shopper
 * arriving from a shop's Buy Now link still arrives logged in), Secure whenever the request came over TLS.
 */
public final class SessionCookie {

    public static final String NAME = "coffer_session";

    private SessionCookie() {
    }

    public static Optional<String> read(HttpServletRequest request) {
        var cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        return Arrays.stream(cookies).filter(c -> NAME.equals(c.getName())).map(c -> c.getValue())
                .filter(v -> !v.isBlank()).findFirst();
    }

    public static void set(HttpServletRequest request, HttpServletResponse response, String token, Duration maxAge) {
        response.addHeader(HttpHeaders.SET_COOKIE, cookie(request, token, maxAge).toString());
    }

    public static void clear(HttpServletRequest request, HttpServletResponse response) {
        response.addHeader(HttpHeaders.SET_COOKIE, cookie(request, "", Duration.ZERO).toString());
    }

    private static ResponseCookie cookie(HttpServletRequest request, String value, Duration maxAge) {
        return ResponseCookie.from(NAME, value).httpOnly(true).secure(request.isSecure()).sameSite("Lax").path("/")
                .maxAge(maxAge).build();
    }
}
