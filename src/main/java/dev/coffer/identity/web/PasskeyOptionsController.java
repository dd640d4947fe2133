package dev.coffer.identity.web;

import dev.coffer.identity.StepUp;
import dev.coffer.identity.passkey.Passkeys;
import dev.coffer.identity.session.LoginService;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.ClientInfo;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.pages.PageController;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The options the pages' passkey script hands to {@code navigator.credentials} (JSON, fetched with the form's CSRF
 * token just before the browser asks for the passkey). The answer goes back in an ordinary form post, so what
 * happens next (a session, a notice, a payment) is the pages' usual flow.
 */
@PageController
@Hidden // the pages' own JSON, not part of the API
class PasskeyOptionsController {

    private final Passkeys passkeys;
    private final StepUp stepUp;
    private final LoginService logins;

    PasskeyOptionsController(Passkeys passkeys, StepUp stepUp, LoginService logins) {
        this.logins = logins;
        this.passkeys = passkeys;
        this.stepUp = stepUp;
    }

    @PostMapping("/login/passkey/options")
    @ResponseBody
    ResponseEntity<?> login(HttpServletRequest request) {
        return json(() -> logins.passkeyLoginOptions(ClientInfo.from(request)));
    }

    @PostMapping("/settings/security/passkeys/options")
    @ResponseBody
    ResponseEntity<?> register(@AuthenticationPrincipal CofferPrincipal principal) {
        return json(() -> passkeys.registrationOptions(principal.userId()));
    }

    /** For a step-up on the transfer or pay page: the options to confirm that challenge with a passkey. */
    @PostMapping("/settings/security/passkeys/step-up-options")
    @ResponseBody
    ResponseEntity<?> stepUp(@AuthenticationPrincipal CofferPrincipal principal,
            @RequestParam(defaultValue = "") String challengeId) {
        return json(() -> stepUp.passkeyOptions(principal.userId(), challengeId.strip()));
    }

    private static ResponseEntity<?> json(Supplier<String> options) {
        try {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(options.get());
        } catch (ApiException refused) {
            return ResponseEntity.status(refused.status()).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("code", refused.code(), "detail", refused.getMessage()));
        }
    }
}
