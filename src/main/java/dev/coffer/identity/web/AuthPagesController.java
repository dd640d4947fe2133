package dev.coffer.identity.web;

import dev.coffer.identity.IdentityProperties;
import dev.coffer.identity.session.IssuedTokens;
import dev.coffer.identity.session.LoginService;
import dev.coffer.identity.session.LoginService.BrowserLogin;
import dev.coffer.identity.session.SessionService;
import dev.coffer.identity.user.RegistrationService;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.ClientInfo;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.pages.LoginDestination;
import dev.coffer.platform.pages.PageAction;
import dev.coffer.platform.pages.PageActions;
import dev.coffer.platform.pages.PageController;
import dev.coffer.platform.pages.PageOutcome.Done;
import dev.coffer.platform.pages.PageOutcome.Refused;
import dev.coffer.platform.pages.WebPaths;
import dev.coffer.platform.web.BrowserCookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Log in (with the second step for two-factor users), register, log out. */
@PageController
class AuthPagesController {

    private final LoginService logins;
    private final SessionService sessions;
    private final RegistrationService registration;
    private final IdentityProperties properties;
    private final PageActions actions;
    private final List<LoginDestination> destinations;

    AuthPagesController(LoginService logins, SessionService sessions, RegistrationService registration,
            IdentityProperties properties, PageActions actions, List<LoginDestination> destinations) {
        this.destinations = destinations;
        this.logins = logins;
        this.sessions = sessions;
        this.registration = registration;
        this.properties = properties;
        this.actions = actions;
    }

    @GetMapping("/login")
    String loginPage(@AuthenticationPrincipal CofferPrincipal principal, @RequestParam(required = false) String next,
            @RequestParam(required = false) String loggedOut, HttpServletResponse response, Model model) {
        if (principal != null) {
            return "redirect:" + WebPaths.safeNext(next);
        }
        rememberNext(model, WebPaths.safeNext(next));
        LoginFormPolicy.apply(WebPaths.safeNext(next), response);
        if (loggedOut != null) {
            model.addAttribute(PageAction.NOTICE, "You are logged out.");
        }
        return "login";
    }

    @PostMapping("/login")
    String login(@AuthenticationPrincipal CofferPrincipal previous, @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String password, @RequestParam(required = false) String next,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        var target = WebPaths.safeNext(next);
        rememberNext(model, target);
        model.addAttribute("email", email);
        LoginFormPolicy.apply(target, response);
        var device = BrowserCookie.DEVICE.read(request).orElse(null);
        var outcome = actions.call(model, () -> logins.beginBrowserLogin(email.strip(), password, device,
                ClientInfo.from(request))).wordRefusal(AuthPagesController::inWords).showRefusalOnly();
        return switch (outcome) {
            case Done<BrowserLogin>(BrowserLogin.Done done, _) -> startSession(previous, done.session(), target,
                    request, response);
            case Done<BrowserLogin>(BrowserLogin.NeedsCode code, _) -> {
                model.addAttribute("challenge", code.challenge());
                yield "login";
            }
            case Refused<BrowserLogin> refused -> answer(response, refused, "login");
        };
    }

    @PostMapping("/login/code")
    String loginCode(@AuthenticationPrincipal CofferPrincipal previous, @RequestParam(defaultValue = "") String challenge,
            @RequestParam(defaultValue = "") String totp, @RequestParam(required = false) String next,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        var target = WebPaths.safeNext(next);
        rememberNext(model, target);
        LoginFormPolicy.apply(target, response);
        var device = BrowserCookie.DEVICE.read(request).orElse(null);
        var outcome = actions.call(model, () -> logins.completeBrowserLogin(challenge, totp, device,
                ClientInfo.from(request))).wordRefusal(AuthPagesController::inWords).showRefusalOnly();
        return switch (outcome) {
            case Done<IssuedTokens>(var session, _) -> startSession(previous, session, target, request, response);
            case Refused<IssuedTokens> refused -> {
                if ("mfa_required".equals(refused.code())) {
                    model.addAttribute("challenge", challenge);
                }
                yield answer(response, refused, "login");
            }
        };
    }

    /**
     * A passkey login: the script put the passkey's answer ({@code navigator.credentials.get}) into
     * {@code credential}; the session is the one a password login starts.
     */
    @PostMapping("/login/passkey")
    String loginWithPasskey(@AuthenticationPrincipal CofferPrincipal previous,
            @RequestParam(defaultValue = "") String credential, @RequestParam(required = false) String next,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        var target = WebPaths.safeNext(next);
        rememberNext(model, target);
        LoginFormPolicy.apply(target, response);
        var device = BrowserCookie.DEVICE.read(request).orElse(null);
        var outcome = actions.call(model, () -> logins.passkeyLogin(credential, device, ClientInfo.from(request)))
                .wordRefusal(AuthPagesController::inWords).showRefusalOnly();
        return switch (outcome) {
            case Done<IssuedTokens>(var session, _) -> startSession(previous, session, target, request, response);
            case Refused<IssuedTokens> refused -> answer(response, refused, "login");
        };
    }

    /** Where the login leads, and in words when the feature owning that page says what it is. */
    private void rememberNext(Model model, String target) {
        model.addAttribute("next", target);
        destinations.stream().map(d -> d.describe(target)).flatMap(Optional::stream).findFirst()
                .ifPresent(words -> model.addAttribute("destination", words));
    }

    @PostMapping("/logout")
    String logout(@AuthenticationPrincipal CofferPrincipal principal, HttpServletRequest request,
            HttpServletResponse response) {
        if (principal != null && principal.isSession()) {
            sessions.logout(principal.userId(), principal.credentialId());
        }
        BrowserCookie.SESSION.clear(request, response);
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
        var outcome = actions.call(model, () -> register(email, displayName, password, ClientInfo.from(request)))
                .showRefusalOnly();
        return switch (outcome) {
            case Done<IssuedTokens>(var session, _) -> startSession(null, session, "/", request, response);
            case Refused<IssuedTokens> refused -> answer(response, refused, "register");
        };
    }

    /** Registers and logs the newcomer in (a new user has no second factor yet, so one step is enough). */
    private IssuedTokens register(String email, String displayName, String password, ClientInfo client) {
        var problem = RegistrationForm.problem(email, displayName);
        if (problem != null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed", problem);
        }
        registration.register(email.strip(), password, displayName.strip(), client);
        return ((BrowserLogin.Done) logins.beginBrowserLogin(email.strip(), password, client)).session();
    }

    /**
     * A new session means a new token (no fixation); a session the browser had before is ended. The device cookie
     * keeps this browser a known device for later logins (and out of the lock strangers' guesses earn).
     */
    private String startSession(CofferPrincipal previous, IssuedTokens session, String target,
            HttpServletRequest request, HttpServletResponse response) {
        if (previous != null && previous.isSession()) {
            sessions.logout(previous.userId(), previous.credentialId());
        }
        BrowserCookie.SESSION.set(request, response, session.accessToken(), properties.webSessionTtl());
        if (session.deviceToken() != null) {
            BrowserCookie.DEVICE.set(request, response, session.deviceToken(), BrowserCookie.DEVICE_MAX_AGE);
        }
        return "redirect:" + target;
    }

    /** The form again, answered with the refusal's status (the message is already in the model). */
    private static String answer(HttpServletResponse response, Refused<?> refused, String view) {
        response.setStatus(refused.status().value());
        return view;
    }

    /** Login refusals in words that tell people what to do next. */
    private static String inWords(Refused<?> refused) {
        return switch (refused.code()) {
            case "too_many_attempts" -> "Too many attempts. Try again in " + refused.waitBeforeRetry()
                    .map(d -> Math.max(1, (d.toSeconds() + 59) / 60) + " minutes").orElse("a while") + ".";
            case "login_expired" -> "That took too long. Please enter your password again.";
            default -> refused.message() + ".";
        };
    }
}
