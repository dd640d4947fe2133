package dev.coffer.identity.oauth;

import dev.coffer.platform.BearerAuthenticator;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.web.BrowserCookie;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The authorization endpoint's view of who is logged in: the same session cookie the pages use (so the login at
 * the authorization endpoint is Coffer's own {@code /login}, with its second factor and lockout). The library keeps
 * the authenticated user inside each authorization (stored as JSON in PostgreSQL), so it gets a plain
 * {@link UsernamePasswordAuthenticationToken} named by the user id, a type the library's JSON mapping knows.
 */
final class CookieLoginFilter extends OncePerRequestFilter {

    private final List<BearerAuthenticator> authenticators;
    private final LoginTimes loginTimes;

    CookieLoginFilter(List<BearerAuthenticator> authenticators, LoginTimes loginTimes) {
        this.authenticators = List.copyOf(authenticators);
        this.loginTimes = loginTimes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var principal = BrowserCookie.SESSION.read(request).flatMap(token -> authenticators.stream()
                .filter(a -> a.claims(token)).findFirst().flatMap(a -> a.authenticate(token)))
                .filter(CofferPrincipal::isSession);
        if (principal.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        var authorities = new ArrayList<GrantedAuthority>();
        principal.get().roles().forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role.name())));
        // The login's factor with its time: the library puts it in the ID token as auth_time.
        loginTimes.of(principal.get().credentialId()).ifPresent(at -> authorities.add(FactorGrantedAuthority
                .withAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY).issuedAt(at).build()));
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal.get().userId(), null,
                authorities));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
