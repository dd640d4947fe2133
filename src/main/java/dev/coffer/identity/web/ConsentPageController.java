package dev.coffer.identity.web;

import dev.coffer.identity.oauth.OAuthClientService;
import dev.coffer.identity.oauth.ScopeWords;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.pages.PageController;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Log in with Coffer"'s consent page (the authorization server sends the user here when an app asks for scopes
 * not yet granted): the app's name and each scope in words; approving posts the scopes back to the authorization
 * endpoint, denying posts none (the app gets {@code access_denied}). {@code openid} alone needs no consent.
 */
@PageController
class ConsentPageController {

    record ScopeLine(String scope, String words) {
    }

    private final RegisteredClientRepository clients;
    private final OAuth2AuthorizationConsentService consents;

    ConsentPageController(RegisteredClientRepository clients, OAuth2AuthorizationConsentService consents) {
        this.clients = clients;
        this.consents = consents;
    }

    @GetMapping("/oauth/consent")
    String consent(@AuthenticationPrincipal CofferPrincipal principal,
            @RequestParam(name = "client_id", defaultValue = "") String clientId,
            @RequestParam(defaultValue = "") String scope, @RequestParam(defaultValue = "") String state,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        if (principal == null) {
            var here = request.getRequestURI() + "?" + request.getQueryString();
            return "redirect:/login?next=" + URLEncoder.encode(here, StandardCharsets.UTF_8);
        }
        var client = clientId.isEmpty() ? null : clients.findByClientId(clientId);
        if (client == null || state.isEmpty()) {
            response.setStatus(400);
            model.addAttribute("error", "This sign-in request is not valid (unknown app). Go back to the app and try again.");
            return "consent";
        }
        var granted = granted(client, principal.userId());
        var requested = new LinkedHashSet<>(Arrays.asList(scope.split(" ")));
        requested.remove(OidcScopes.OPENID);
        requested.removeIf(String::isBlank);
        model.addAttribute("appName", client.getClientName());
        model.addAttribute("clientId", clientId);
        model.addAttribute("state", state);
        model.addAttribute("toApprove", lines(requested.stream().filter(s -> !granted.contains(s)).toList()));
        model.addAttribute("alreadyGranted", lines(requested.stream().filter(granted::contains).toList()));
        response.setHeader("Content-Security-Policy", csp(client));
        return "consent";
    }

    private Set<String> granted(RegisteredClient client, String userId) {
        var consent = consents.findById(client.getId(), userId);
        return consent == null ? Set.of() : consent.getScopes();
    }

    private static List<ScopeLine> lines(List<String> scopes) {
        return scopes.stream().sorted(java.util.Comparator.comparingInt(ConsentPageController::rank))
                .map(s -> new ScopeLine(s, ScopeWords.of(s))).toList();
    }

    /** Scopes in Coffer's own order (who you are, then what you hold), whatever order the app asked in. */
    private static int rank(String scope) {
        int known = OAuthClientService.SCOPES.indexOf(scope);
        return known < 0 ? Integer.MAX_VALUE : known;
    }

    /**
     * The pages' policy, except that the consent form may lead (by the authorization endpoint's redirect) to the
     * app's own registered redirect origins: browsers apply {@code form-action} to a form's redirects too.
     */
    private static String csp(RegisteredClient client) {
        var origins = client.getRedirectUris().stream().map(URI::create)
                .map(u -> u.getScheme() + "://" + u.getRawAuthority()).distinct().collect(Collectors.joining(" "));
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
                + "base-uri 'none'; form-action 'self' " + origins + "; frame-ancestors 'none'";
    }
}
