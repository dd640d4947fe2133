package dev.coffer.identity.session;

import static dev.coffer.platform.CofferPrincipal.Kind.SESSION;

import dev.coffer.identity.user.UserView;
import dev.coffer.platform.Accepts;
import dev.coffer.platform.ClientInfo;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.IdOf;
import dev.coffer.platform.Refuses;
import dev.coffer.platform.openapi.ApiTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.Nullable;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Logging in and out, token refresh, and one's own sessions. */
@RestController
@Tag(name = ApiTags.IDENTITY)
class SessionController {

    private final LoginService login;
    private final SessionService sessions;

    SessionController(LoginService login, SessionService sessions) {
        this.login = login;
        this.sessions = sessions;
    }

    record LoginRequest(
            @NotBlank @Size(max = 254) String email,
            @NotNull @Size(max = 1024) String password,
            @Size(max = 64) String totp,
            @Size(max = 200) String deviceToken) {
    }

    record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken) {
    }

    /** {@code deviceToken}: after a login (null after a refresh); present it as the login's {@code deviceToken}. */
    record TokenResponse(String token, String refreshToken, Instant expiresAt, UserView user,
            @Nullable String deviceToken) {
        static TokenResponse of(IssuedTokens issued) {
            return new TokenResponse(issued.accessToken(), issued.refreshToken(), issued.accessExpiresAt(),
                    UserView.of(issued.user()), issued.deviceToken());
        }
    }

    record SessionList(List<SessionService.SessionView> data) {
    }

    @Accepts(anonymous = true)
    @Operation(operationId = "logIn", summary = "Log in: a session token and a refresh token")
    @Refuses(status = 401, codes = {"invalid_credentials", "mfa_required", "user_locked"})
    @Refuses(status = 429, codes = "too_many_attempts")
    @Refuses(status = 503, codes = "server_busy")
    @PostMapping("/api/v1/sessions")
    @ResponseStatus(HttpStatus.CREATED)
    TokenResponse login(@Valid @RequestBody LoginRequest body, HttpServletRequest request) {
        return TokenResponse.of(login.login(body.email(), body.password(), body.totp(), body.deviceToken(),
                ClientInfo.from(request)));
    }

    @Accepts(anonymous = true)
    @Operation(operationId = "refreshSession",
            summary = "Trade a refresh token for a new pair (the old one stops working)")
    @PostMapping("/api/v1/sessions/refresh")
    @ResponseStatus(HttpStatus.CREATED)
    TokenResponse refresh(@Valid @RequestBody RefreshRequest body) {
        return TokenResponse.of(sessions.refresh(body.refreshToken()));
    }

    @Accepts(SESSION)
    @Operation(operationId = "logOut", summary = "Log out: the token is dead at once")
    @DeleteMapping("/api/v1/sessions/current")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(@AuthenticationPrincipal CofferPrincipal principal) {
        sessions.logout(principal.userId(), principal.requireSession());
    }

    @Accepts(SESSION)
    @Operation(operationId = "listSessions", summary = "The caller's active sessions")
    @GetMapping("/api/v1/sessions")
    SessionList list(@AuthenticationPrincipal CofferPrincipal principal) {
        return new SessionList(sessions.list(principal.userId(), principal.requireSession()));
    }

    @Accepts(SESSION)
    @Operation(operationId = "revokeSession", summary = "Revoke one of the caller's sessions")
    @DeleteMapping("/api/v1/sessions/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable @IdOf("ses") String id) {
        sessions.revoke(principal.userId(), id);
    }
}
