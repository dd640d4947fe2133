package dev.coffer.web.auth;

import dev.coffer.identity.IdentityProperties;
import dev.coffer.identity.session.IssuedTokens;
import dev.coffer.identity.session.LoginService;
import dev.coffer.identity.session.SessionService;
import dev.coffer.identity.user.RegistrationService;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.ClientInfo;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.web.SessionCookie;
import dev.coffer.web.WebPaths;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Log in (with the second step for two-factor users), register, log out. */
@Controller
class AuthPagesController {

    private final LoginService logins;
    private final SessionService sessions;
    private final RegistrationService registration;
    private final IdentityProperties properties;

    AuthPagesController(LoginService logins, SessionService sessions, RegistrationService registration,
            IdentityProperties properties) {
        this.logins = logins;
        this.sessions = sessions;
        this.registration = registration;
        this.properties = properties;
    }

    @GetMapping("/login")
    String loginPage(@AuthenticationPrincipal CofferPrincipal principal, @RequestParam(required = false) String next,
            @RequestParam(required = false) String loggedOut, Model model) {
        if (principal != null) {
            return "redirect:" + WebPaths.safeNext(next);
        }
        model.addAttribute("next", WebPaths.safeNext(next));
        if (loggedOut != null) {
            model.addAttribute("notice", "You are logged out.");
        }
        return "login";
    }

    @PostMapping("/login")
    String login(@AuthenticationPrincipal CofferPrincipal previous, @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String password, @RequestParam(required = false) String next,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        var target = WebPaths.safeNext(next);
        model.addAttribute("next", target);
        model.addAttribute("email", email);
        try {
            return switch (logins.beginBrowserLogin(email.strip(), password, ClientInfo.from(request))) {
                case LoginService.BrowserLogin.Done done -> startSession(previous, done.session(), target, request,
                        response);
                case LoginService.BrowserLogin.NeedsCode code -> {
                    model.addAttribute("challenge", code.challenge());
                    yield "login";
                }
            };
        } catch (ApiException e) {
            return error(model, response, e);
        }
    }

    @PostMapping("/login/code")
    String loginCode(@AuthenticationPrincipal CofferPrincipal previous, @RequestParam(defaultValue = "") String challenge,
            @RequestParam(defaultValue = "") String totp, @RequestParam(required = false) String next,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        var target = WebPaths.safeNext(next);
        model.addAttribute("next", target);
        try {
            return startSession(previous, logins.completeBrowserLogin(challenge, totp, ClientInfo.from(request)),
                    target, request, response);
        } catch (ApiException e) {
            if ("mfa_required".equals(e.code())) {
                model.addAttribute("challenge", challenge);
            }
            return error(model, response, e);
        }
    }

    @PostMapping("/logout")
    String logout(@AuthenticationPrincipal CofferPrincipal principal, HttpServletRequest request,
            HttpServletResponse response) {
        if (principal != null && principal.isSession()) {
            sessions.logout(principal.userId(), principal.credentialId());
        }
        SessionCookie.clear(request, response);
        return "redirect:/login?loggedOut";
    }

    @GetMapping("/register")
    String registerPage(@AuthenticationPrincipal CofferPrincipal principal) {
        return principal != null ? "redirect:/" : "register";
    }

    @PostMapping("/register")
    String register(@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String displayName,
            @RequestParam(defaultValue = "") String password, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        model.addAttribute("email", email);
        model.addAttribute("displayName", displayName);
        var problem = RegistrationForm.problem(email, displayName);
        if (problem != null) {
            model.addAttribute("error", problem);
            response.setStatus(400);
            return "register";
        }
        try {
            var client = ClientInfo.from(request);
            registration.register(email.strip(), password, displayName.strip(), client);
            var started = (LoginService.BrowserLogin.Done) logins.beginBrowserLogin(email.strip(), password, client);
            return startSession(null, started.session(), "/", request, response);
        } catch (ApiException e) {
            model.addAttribute("error", e.getMessage());
            response.setStatus(e.status().value());
            return "register";
        }
    }

    /** A new session means a new token (no fixation); a session the browser had before is ended. */
    private String startSession(CofferPrincipal previous, IssuedTokens session, String target,
            HttpServletRequest request, HttpServletResponse response) {
        if (previous != null && previous.isSession()) {
            sessions.logout(previous.userId(), previous.credentialId());
        }
        SessionCookie.set(request, response, session.accessToken(), properties.webSessionTtl());
        return "redirect:" + target;
    }

    private static String error(Model model, HttpServletResponse response, ApiException e) {
        model.addAttribute("error", switch (e.code()) {
            case "too_many_attempts" -> "Too many attempts. Try again in "
                    + e.retryAfter().map(d -> Math.max(1, (d.toSeconds() + 59) / 60) + " minutes").orElse("a while")
                    + ".";
            case "login_expired" -> "That took too long. Please enter your password again.";
            default -> e.getMessage() + ".";
        });
        response.setStatus(e.status().value());
        return "login";
    }
}
