package dev.coffer.identity.user;


import dev.coffer.platform.Accepts;
import dev.coffer.platform.ClientInfo;
import dev.coffer.platform.Refuses;
import dev.coffer.platform.openapi.ApiTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/users}: sign up. */
@RestController
@Tag(name = ApiTags.IDENTITY)
@Accepts(anonymous = true)
class UserController {

    private final RegistrationService registration;

    UserController(RegistrationService registration) {
        this.registration = registration;
    }

    record RegisterRequest(
            @NotBlank @Email @Size(max = 254) String email,
            @NotNull @Size(max = 1024) String password,
            @NotBlank @Size(max = 100)
            String displayName) {
    }

    @Operation(operationId = "register", summary = "Sign up")
    @Refuses(status = 409, codes = "email_taken")
    @Refuses(status = 422, codes = "weak_password")
    @Refuses(status = 429, codes = "too_many_attempts")
    @Refuses(status = 503, codes = "server_busy")
    @PostMapping("/api/v1/users")
    @ResponseStatus(HttpStatus.CREATED)
    UserView register(@Valid @RequestBody RegisterRequest body, HttpServletRequest request) {
        var user = registration.register(body.email(), body.password(), body.displayName(), ClientInfo.from(request));
        return UserView.of(user);
    }
}
