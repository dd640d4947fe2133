package dev.coffer.platform.security;

import dev.coffer.platform.BearerAuthenticator;
import dev.coffer.platform.web.BrowserCookie;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates browser pages by the session cookie. A cookie that no longer names a live session (logged out,
 * revoked, expired) is cleared and the request goes on anonymous, so the page sends the user to log in.
 */
final class CookieSessionFilter extends OncePerRequestFilter {

    private final List<BearerAuthenticator> authenticators;
    private final RequestMatcher appliesTo;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    /** For every request of the chain it is in (the pages). */
    CookieSessionFilter(List<BearerAuthenticator> authenticators) {
        this(authenticators, AnyRequestMatcher.INSTANCE);
    }

    /** For the requests {@code appliesTo} matches only (the JSON API's few endpoints a page script calls). */
    CookieSessionFilter(List<BearerAuthenticator> authenticators, RequestMatcher appliesTo) {
        this.authenticators = List.copyOf(authenticators);
        this.appliesTo = appliesTo;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !appliesTo.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var token = BrowserCookie.SESSION.read(request);
        var principal = token.flatMap(t -> authenticators.stream().filter(a -> a.claims(t)).findFirst()
                .flatMap(a -> a.authenticate(t)));
        if (token.isPresent() && principal.isEmpty()) {
            BrowserCookie.SESSION.clear(request, response);
        }
        if (principal.isEmpty() || !principal.get().isSession()) {
            chain.doFilter(request, response);
            return;
        }
        var context = contexts.createEmptyContext();
        context.setAuthentication(new CofferAuthentication(principal.get()));
        contexts.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            contexts.clearContext();
        }
    }
}
