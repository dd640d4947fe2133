package dev.coffer.identity.admin;

import dev.coffer.identity.IdentityEvent.RolesChanged;
import dev.coffer.identity.UserSummary;
import dev.coffer.identity.user.User;
import dev.coffer.identity.user.UserRepository;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.Role;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Admins set users' roles; the last admin cannot demote themselves out of existence. */
@Service
public class RoleService {

    private final UserRepository users;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    RoleService(UserRepository users, JdbcClient jdbc, ApplicationEventPublisher events) {
        this.users = users;
        this.jdbc = jdbc;
        this.events = events;
    }

    @Transactional
    public UserSummary setRoles(String adminId, String userId, Set<Role> requested) {
        var roles = EnumSet.copyOf(requested);
        roles.add(Role.CUSTOMER);
        // Serialize role changes so two admins cannot demote each other at once and leave none.
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('coffer.roles'))").query((rs, n) -> 1).list();
        var user = users.findByIdForUpdate(userId).orElseThrow(() -> ApiException.notFound("User"));
        if (user.roles().contains(Role.ADMIN) && !roles.contains(Role.ADMIN) && adminCount() == 1) {
            throw new ApiException(HttpStatus.CONFLICT, "last_admin", "Coffer needs at least one admin");
        }
        users.updateRoles(userId, roles);
        events.publishEvent(new RolesChanged(userId, adminId, roles.stream().map(Role::wireName).sorted().toList()));
        return users.findById(userId).map(User::summary).orElseThrow();
    }

    private long adminCount() {
        return jdbc.sql("SELECT count(*) FROM users WHERE 'admin' = ANY(roles)").query(Long.class).single();
    }
}
