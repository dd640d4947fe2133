package dev.coffer.identity.web;

import dev.coffer.identity.Users;
import dev.coffer.identity.device.KnownDevices;
import dev.coffer.identity.me.PasswordChangeService;
import dev.coffer.identity.mfa.MfaService;
import dev.coffer.identity.oauth.ConnectedApps;
import dev.coffer.identity.oauth.ScopeWords;
import dev.coffer.identity.passkey.Passkeys;
import dev.coffer.identity.session.SessionService;
import dev.coffer.platform.ClientInfo;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.pages.PageActions;
import dev.coffer.platform.pages.PageController;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Security settings: own sessions (each revocable), known devices (each forgettable), passkeys (added with a small
 * script, each removable), two-factor setup with a QR code, password change.
 */
@PageController
class SecurityPageController {

    private final SessionService sessions;
    private final MfaService mfa;
    private final PasswordChangeService passwords;
    private final Users users;
    private final KnownDevices devices;
    private final PageActions actions;
    private final Clock clock;
    private final ConnectedApps apps;
    private final Passkeys passkeys;

    SecurityPageController(SessionService sessions, MfaService mfa, PasswordChangeService passwords, Users users,
            KnownDevices devices, PageActions actions, Clock clock, ConnectedApps apps, Passkeys passkeys) {
        this.passkeys = passkeys;
        this.apps = apps;
        this.sessions = sessions;
        this.devices = devices;
        this.clock = clock;
        this.mfa = mfa;
        this.passwords = passwords;
        this.users = users;
        this.actions = actions;
    }

    @GetMapping("/settings/security")
    String page(@AuthenticationPrincipal CofferPrincipal principal, Model model) {
        return render(principal, model);
    }

    @PostMapping("/settings/security/sessions/{id}/revoke")
    String revoke(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable String id, Model model) {
        var outcome = actions.run(model, () -> sessions.revoke(principal.userId(), id))
                .show(done -> "The session was ended.");
        if (outcome.succeeded() && id.equals(principal.credentialId())) {
            return "redirect:/login";
        }
        return render(principal, model);
    }

    @PostMapping("/settings/security/devices/{id}/forget")
    String forgetDevice(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable String id, Model model) {
        actions.call(model, () -> devices.revoke(principal.userId(), id, clock.instant()))
                .show(done -> done.value() ? "The device was forgotten: its next login counts as a new device."
                        : "That device was already forgotten.");
        return render(principal, model);
    }

    @PostMapping("/settings/security/apps/{clientId}/revoke")
    String revokeApp(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable String clientId, Model model) {
        actions.run(model, () -> apps.revoke(principal.userId(), clientId))
                .show(done -> "The app's access was revoked: its tokens no longer work.");
        return render(principal, model);
    }

    @PostMapping("/settings/security/mfa")
    String startMfa(@AuthenticationPrincipal CofferPrincipal principal, Model model) {
        actions.call(model, () -> mfa.start(principal.userId())).showRefusalOnly().successValue()
                .ifPresent(enrollment -> {
                    model.addAttribute("enrollment", enrollment);
                    model.addAttribute("qr", QrCode.of(enrollment.otpauthUri()));
                });
        return render(principal, model);
    }

    @PostMapping("/settings/security/mfa/confirm")
    String confirmMfa(@AuthenticationPrincipal CofferPrincipal principal, @RequestParam(defaultValue = "") String code,
            Model model) {
        var confirmed = actions.call(model, () -> mfa.confirm(principal.userId(), code.strip())).showRefusalOnly();
        confirmed.successValue().ifPresent(recoveryCodes -> model.addAttribute("recoveryCodes", recoveryCodes));
        if (!confirmed.succeeded()) {
            mfa.pending(principal.userId()).ifPresent(enrollment -> {
                model.addAttribute("enrollment", enrollment);
                model.addAttribute("qr", QrCode.of(enrollment.otpauthUri()));
            });
        }
        return render(principal, model);
    }

    @PostMapping("/settings/security/mfa/disable")
    String disableMfa(@AuthenticationPrincipal CofferPrincipal principal, @RequestParam(defaultValue = "") String code,
            Model model) {
        actions.run(model, () -> mfa.disable(principal.userId(), code.strip()))
                .wordRefusal(SecurityPageController::codeInWords)
                .show(done -> "Two-factor login is off. Your recovery codes no longer work.");
        return render(principal, model);
    }

    @PostMapping("/settings/security/mfa/recovery-codes")
    String regenerateRecoveryCodes(@AuthenticationPrincipal CofferPrincipal principal,
            @RequestParam(defaultValue = "") String code, Model model) {
        actions.call(model, () -> mfa.regenerateRecoveryCodes(principal.userId(), code.strip()))
                .wordRefusal(SecurityPageController::codeInWords).showRefusalOnly().successValue()
                .ifPresent(codes -> model.addAttribute("recoveryCodes", codes));
        return render(principal, model);
    }

    /** A wrong code in words that say what to type. */
    private static String codeInWords(dev.coffer.platform.pages.PageOutcome.Refused<?> refused) {
        return switch (refused.code()) {
            case "invalid_code" -> "That code is wrong or was used already. Nothing changed: enter the current "
                    + "6-digit code from your authenticator app, or one of your recovery codes.";
            default -> refused.message() + ".";
        };
    }

    /** The browser's new passkey (the script filled {@code credential} from {@code navigator.credentials.create}). */
    @PostMapping("/settings/security/passkeys")
    String addPasskey(@AuthenticationPrincipal CofferPrincipal principal,
            @RequestParam(defaultValue = "") String credential, @RequestParam(defaultValue = "") String label,
            Model model) {
        actions.call(model, () -> passkeys.register(principal.userId(), credential, label))
                .show(done -> "Passkey \u201c" + done.value().label() + "\u201d added: you can log in with it, "
                        + "without a password, and confirm payments with it.");
        return render(principal, model);
    }

    @PostMapping("/settings/security/passkeys/{id}/remove")
    String removePasskey(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable String id, Model model) {
        actions.run(model, () -> passkeys.remove(principal.userId(), id))
                .show(done -> "The passkey was removed: it no longer logs in or confirms payments.");
        return render(principal, model);
    }

    @PostMapping("/settings/security/password")
    String changePassword(@AuthenticationPrincipal CofferPrincipal principal,
            @RequestParam(defaultValue = "") String currentPassword, @RequestParam(defaultValue = "") String newPassword,
            HttpServletRequest request, Model model) {
        actions.run(model, () -> passwords.change(principal.userId(), principal.credentialId(), currentPassword,
                        newPassword, ClientInfo.from(request)))
                .show(done -> "Your password was changed; your other sessions were ended.");
        return render(principal, model);
    }

    record AppLine(String clientId, String name, List<String> scopes) {
    }

    private String render(CofferPrincipal principal, Model model) {
        model.addAttribute("sessions", sessions.list(principal.userId(), principal.credentialId()));
        model.addAttribute("devices", devices.list(principal.userId()));
        model.addAttribute("deviceNames", DeviceNames.INSTANCE);
        model.addAttribute("apps", apps.list(principal.userId()).stream().map(app -> new AppLine(app.clientId(),
                app.name(), app.scopes().stream().map(ScopeWords::of).toList())).toList());
        model.addAttribute("mfaEnabled", users.mfaEnabled(principal.userId()));
        model.addAttribute("passkeys", passkeys.list(principal.userId()));
        return "security";
    }
}
