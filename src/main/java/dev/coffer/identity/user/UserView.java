package dev.coffer.identity.user;

import dev.coffer.identity.UserSummary;
import dev.coffer.platform.Role;
import java.util.List;

/** A user as the API shows it: {@code {id, email, displayName, roles}}. */
public record UserView(String id, String email, String displayName, List<String> roles) {

    public static UserView of(UserSummary user) {
        return new UserView(user.id(), user.email(), user.displayName(),
                user.roles().stream().map(Role::wireName).sorted().toList());
    }
}
