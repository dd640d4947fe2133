package dev.coffer.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/**
 * Coffer's two browser cookies, each an opaque token checked against PostgreSQL (so any node accepts it and a
 * revocation holds everywhere): HttpOnly so scripts cannot read it, SameSite=Lax so other sites cannot post with it
 * (a shopper arriving from a shop's Buy Now link still arrives logged in), Secure whenever the request came over TLS.
 */
public final class BrowserCookie {

    /** The login session. */
    public static final BrowserCookie SESSION = new BrowserCookie("coffer_session");

    /** The known-device token: outlives sessions, so the next login from this browser is a known device's. */
    public static final BrowserCookie DEVICE = new BrowserCookie("coffer_device");

    /** How long a browser keeps its device token. */
    public static final Duration DEVICE_MAX_AGE = Duration.ofDays(400);

    private final String name;

    private BrowserCookie(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public Optional<String> read(HttpServletRequest request) {
        var cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        return Arrays.stream(cookies).filter(c -> name.equals(c.getName())).map(c -> c.getValue())
                .filter(v -> !v.isBlank()).findFirst();
    }

    public void set(HttpServletRequest request, HttpServletResponse response, String token, Duration maxAge) {
        response.addHeader(HttpHeaders.SET_COOKIE, cookie(request, token, maxAge).toString());
    }

    public void clear(HttpServletRequest request, HttpServletResponse response) {
        response.addHeader(HttpHeaders.SET_COOKIE, cookie(request, "", Duration.ZERO).toString());
    }

    private ResponseCookie cookie(HttpServletRequest request, String value, Duration maxAge) {
        return ResponseCookie.from(name, value).httpOnly(true).secure(request.isSecure()).sameSite("Lax").path("/")
                .maxAge(maxAge).build();
    }
}
