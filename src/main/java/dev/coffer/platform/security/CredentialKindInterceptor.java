package dev.coffer.platform.security;

import dev.coffer.platform.Accepts;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.web.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Enforces {@link Accepts} for every API request, before argument binding: the one place where "which kind of
 * credential may call this operation" is decided. Anonymous callers never get here for protected operations (the
 * security chain answers 401 first).
 */
final class CredentialKindInterceptor implements HandlerInterceptor {

    private final ProblemWriter problems;

    CredentialKindInterceptor(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        var accepts = declared(method);
        if (accepts.isEmpty()) {
            return true; // not an API operation (pages, /error); the start-up check covers every /api handler
        }
        var caller = currentCaller();
        if (caller.isPresent() && caller.get().kind() == CofferPrincipal.Kind.OAUTH) {
            return scopesSuffice(accepts.get(), caller.get(), response);
        }
        if (caller.isEmpty() || allowed(accepts.get(), caller.get().kind())) {
            return true;
        }
        problems.write(response, 403, "forbidden", "This operation does not accept "
                + describe(caller.get().kind()) + "; it takes " + describe(accepts.get()));
        return false;
    }

    /**
     * An app's access token: only where the operation accepts OAuth and the token carries every scope it asks for
     * (RFC 6750's {@code insufficient_scope}, also in {@code WWW-Authenticate}).
     */
    private boolean scopesSuffice(Accepts accepts, CofferPrincipal caller, HttpServletResponse response)
            throws IOException {
        var needed = Arrays.asList(accepts.scopes());
        if (allowed(accepts, CofferPrincipal.Kind.OAUTH) && caller.scopes().containsAll(needed)) {
            return true;
        }
        var wanted = needed.isEmpty() ? "a user's own session" : "scope " + String.join(" ", needed);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\""
                + (needed.isEmpty() ? "" : ", scope=\"" + String.join(" ", needed) + "\""));
        problems.write(response, 403, "insufficient_scope", "An app's access token may not call this; it takes "
                + wanted);
        return false;
    }

    static Optional<Accepts> declared(HandlerMethod method) {
        return Accepts.Lookup.of(method);
    }

    private static boolean allowed(Accepts accepts, CofferPrincipal.Kind kind) {
        return accepts.anonymous() || Arrays.asList(accepts.value()).contains(kind);
    }

    private static Optional<CofferPrincipal> currentCaller() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof CofferPrincipal principal
                ? Optional.of(principal) : Optional.empty();
    }

    private static String describe(Accepts accepts) {
        return Arrays.stream(accepts.value()).map(CredentialKindInterceptor::describe)
                .collect(Collectors.joining(" or "));
    }

    private static String describe(CofferPrincipal.Kind kind) {
        return switch (kind) {
            case SESSION -> "a user's session token";
            case API_KEY -> "a merchant's secret API key (sk_…)";
            case OAUTH -> "an app's OAuth access token";
        };
    }
}
