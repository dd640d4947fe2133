package dev.coffer.identity.me;

import static dev.coffer.platform.CofferPrincipal.Kind.SESSION;

import dev.coffer.identity.mfa.MfaService;
import dev.coffer.identity.user.UserRepository;
import dev.coffer.platform.Accepts;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.ClientInfo;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.Refuses;
import dev.coffer.platform.Role;
import dev.coffer.platform.openapi.ApiTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own profile, two-factor login and password. */
@RestController
@Tag(name = ApiTags.IDENTITY)
@Accepts(SESSION)
class MeController {

    private final UserRepository users;
    private final MfaService mfa;
    private final PasswordChangeService passwords;

    MeController(UserRepository users, MfaService mfa, PasswordChangeService passwords) {
        this.users = users;
        this.mfa = mfa;
        this.passwords = passwords;
    }

    record MeResponse(String id, String email, String displayName, List<String> roles, boolean mfaEnabled) {
    }

    record ConfirmRequest(@NotBlank @Size(max = 16) String code) {
    }

    record RecoveryCodesResponse(List<String> recoveryCodes) {
    }

    record PasswordRequest(@NotNull @Size(max = 1024) String currentPassword,
            @NotNull @Size(max = 1024) String newPassword) {
    }

    @Operation(operationId = "getMe", summary = "The caller")
    @GetMapping("/api/v1/me")
    MeResponse me(@AuthenticationPrincipal CofferPrincipal principal) {
        var user = users.findById(principal.userId()).orElseThrow(() -> ApiException.notFound("User"));
        return new MeResponse(user.id(), user.email(), user.displayName(),
                user.roles().stream().map(Role::wireName).sorted().toList(), user.totpEnabled());
    }

    @Operation(operationId = "startTotp", summary = "Start two-factor login: a TOTP secret to confirm")
    @Refuses(status = 409, codes = "mfa_already_enabled")
    @PostMapping("/api/v1/me/mfa/totp")
    MfaService.Enrollment startTotp(@AuthenticationPrincipal CofferPrincipal principal) {
        return mfa.start(principal.userId());
    }

    @Operation(operationId = "confirmTotp", summary = "Confirm two-factor login with a code: 10 recovery codes")
    @Refuses(status = 409, codes = {"mfa_already_enabled", "mfa_not_started"})
    @Refuses(status = 422, codes = "invalid_code")
    @PostMapping("/api/v1/me/mfa/totp/confirm")
    RecoveryCodesResponse confirmTotp(@AuthenticationPrincipal CofferPrincipal principal,
            @Valid @RequestBody ConfirmRequest body) {
        return new RecoveryCodesResponse(mfa.confirm(principal.userId(), body.code().strip()));
    }

    @Operation(operationId = "disableTotp",
            summary = "Turn two-factor login off, with a current TOTP code or a recovery code")
    @Refuses(status = 409, codes = "mfa_not_enabled")
    @Refuses(status = 422, codes = "invalid_code")
    @Refuses(status = 429, codes = "too_many_attempts")
    @PostMapping("/api/v1/me/mfa/totp/disable")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void disableTotp(@AuthenticationPrincipal CofferPrincipal principal, @Valid @RequestBody ConfirmRequest body) {
        mfa.disable(principal.userId(), body.code().strip());
    }

    @Operation(operationId = "regenerateRecoveryCodes",
            summary = "Ten new recovery codes (shown once; the old ones stop working), with a current TOTP code or a "
                    + "recovery code")
    @Refuses(status = 409, codes = "mfa_not_enabled")
    @Refuses(status = 422, codes = "invalid_code")
    @Refuses(status = 429, codes = "too_many_attempts")
    @PostMapping("/api/v1/me/mfa/recovery-codes")
    RecoveryCodesResponse regenerateRecoveryCodes(@AuthenticationPrincipal CofferPrincipal principal,
            @Valid @RequestBody ConfirmRequest body) {
        return new RecoveryCodesResponse(mfa.regenerateRecoveryCodes(principal.userId(), body.code().strip()));
    }

    @Operation(operationId = "changePassword", summary = "Change the password; all other sessions are revoked")
    @Refuses(status = 422, codes = {"invalid_credentials", "weak_password"})
    @Refuses(status = 429, codes = "too_many_attempts")
    @Refuses(status = 503, codes = "server_busy")
    @PutMapping("/api/v1/me/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void changePassword(@AuthenticationPrincipal CofferPrincipal principal, @Valid @RequestBody PasswordRequest body,
            HttpServletRequest request) {
        passwords.change(principal.userId(), principal.credentialId(), body.currentPassword(), body.newPassword(),
                ClientInfo.from(request));
    }
}
