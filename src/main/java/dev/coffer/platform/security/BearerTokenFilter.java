package dev.coffer.platform.security;

import dev.coffer.platform.BearerAuthenticator;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer …} on the JSON API. No header → anonymous (the authorization rules
 * decide); a header that names no live credential → 401 at once, so a dead token never reaches a controller.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

    private static final String PREFIX = "Bearer ";
    /** Coffer's own tokens are short; apps' access tokens are signed JWTs of about a kilobyte. */
    private static final int MAX_TOKEN_CHARS = 4096;

    private final List<BearerAuthenticator> authenticators;
    private final ProblemWriter problems;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    BearerTokenFilter(List<BearerAuthenticator> authenticators, ProblemWriter problems) {
        this.authenticators = List.copyOf(authenticators);
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        var token = header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                ? header.substring(PREFIX.length()).strip() : "";
        CofferPrincipal principal;
        try {
            principal = token.isEmpty() || token.length() > MAX_TOKEN_CHARS ? null : authenticators.stream()
                    .filter(a -> a.claims(token))
                    .findFirst()
                    .flatMap(a -> a.authenticate(token))
                    .orElse(null);
        } catch (DataAccessException e) {
            // Credentials live in PostgreSQL: without it nobody can be authenticated, which is not the caller's fault.
            problems.write(response, 503, "database_unavailable", "The database is unavailable; try again shortly",
                    Duration.ofSeconds(1));
            return;
        }
        if (principal == null) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            problems.write(response, 401, "invalid_token", "The bearer token is invalid, expired or revoked");
            return;
        }
        var context = contexts.createEmptyContext();
        context.setAuthentication(new CofferAuthentication(principal));
        contexts.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            contexts.clearContext();
        }
    }
}
