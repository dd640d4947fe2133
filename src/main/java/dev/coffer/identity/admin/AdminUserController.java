package dev.coffer.identity.admin;

import static dev.coffer.platform.CofferPrincipal.Kind.SESSION;

import dev.coffer.identity.user.User;
import dev.coffer.identity.user.UserView;
import dev.coffer.platform.Accepts;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.IdOf;
import dev.coffer.platform.Refuses;
import dev.coffer.platform.Role;
import dev.coffer.platform.openapi.ApiTags;
import dev.coffer.platform.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.Nullable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/admin/users/{id}/roles}, {@code …/lock} and {@code …/unlock} (role admin, enforced by the security chain). */
@RestController
@Tag(name = ApiTags.ADMIN)
@Accepts(SESSION)
class AdminUserController {

    private final RoleService roles;
    private final UserLocks locks;

    AdminUserController(RoleService roles, UserLocks locks) {
        this.roles = roles;
        this.locks = locks;
    }

    /** A user and whether an admin locked them: {@code {id, email, displayName, roles, locked, lockedAt}}. */
    record UserLockView(String id, String email, String displayName, List<String> roles, boolean locked,
            @Nullable Instant lockedAt) {
        static UserLockView of(User user) {
            var view = UserView.of(user.summary());
            return new UserLockView(view.id(), view.email(), view.displayName(), view.roles(), user.locked(),
                    user.lockedAt());
        }
    }

    @Operation(operationId = "lockUser", summary = "Lock a user: they cannot log in, and their sessions and app "
            + "tokens are revoked at once (locking a locked user changes nothing)")
    @Refuses(status = 404, codes = "not_found")
    @Refuses(status = 409, codes = "cannot_lock_self")
    @PostMapping("/api/v1/admin/users/{id}/lock")
    UserLockView lock(@AuthenticationPrincipal CofferPrincipal admin, @PathVariable @IdOf("usr") String id) {
        return UserLockView.of(locks.lock(admin.userId(), id));
    }

    @Operation(operationId = "unlockUser", summary = "Unlock a user: they may log in again (unlocking an unlocked "
            + "user changes nothing)")
    @Refuses(status = 404, codes = "not_found")
    @PostMapping("/api/v1/admin/users/{id}/unlock")
    UserLockView unlock(@AuthenticationPrincipal CofferPrincipal admin, @PathVariable @IdOf("usr") String id) {
        return UserLockView.of(locks.unlock(admin.userId(), id));
    }

    record RolesRequest(@NotNull @Size(min = 1, max = 3) List<@NotNull String> roles) {
    }

    @Operation(operationId = "setUserRoles", summary = "Set a user's roles")
    @Refuses(status = 409, codes = "last_admin")
    @PostMapping("/api/v1/admin/users/{id}/roles")
    ResponseEntity<?> setRoles(@AuthenticationPrincipal CofferPrincipal admin, @PathVariable @IdOf("usr") String id,
            @Valid @RequestBody RolesRequest body) {
        var parsed = EnumSet.noneOf(Role.class);
        var errors = new ArrayList<Problems.FieldError>();
        for (var name : body.roles()) {
            Role.parse(name).ifPresentOrElse(parsed::add, () -> errors.add(
                    new Problems.FieldError("roles", "unknown role '" + name + "' (customer, merchant, admin)")));
        }
        if (!errors.isEmpty()) {
            return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                    .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Problems.validation(errors));
        }
        return ResponseEntity.ok(UserView.of(roles.setRoles(admin.userId(), id, parsed)));
    }
}
