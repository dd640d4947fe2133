package dev.coffer.identity.admin;

import dev.coffer.identity.AdminProperties;
import dev.coffer.identity.password.PasswordPolicy;
import dev.coffer.identity.user.RegistrationService;
import dev.coffer.identity.user.UserRepository;
import dev.coffer.platform.ClientInfo;
import dev.coffer.platform.Role;
import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Creates the first admin from {@code COFFER_ADMIN_EMAIL} / {@code COFFER_ADMIN_PASSWORD} when no admin exists yet
 * (an existing user with that email is promoted instead). Does nothing once any admin exists.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final UserRepository users;
    private final RegistrationService registration;
    private final PasswordPolicy policy;
    private final RoleService roles;
    private final String email;
    private final String password;

    AdminBootstrap(UserRepository users, RegistrationService registration, PasswordPolicy policy, RoleService roles,
            AdminProperties admin) {
        this.users = users;
        this.registration = registration;
        this.policy = policy;
        this.roles = roles;
        this.email = admin.email().strip();
        this.password = admin.password();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (email.isEmpty() || password.isEmpty() || users.anyAdmin()) {
            return;
        }
        var existing = users.findByEmail(email);
        if (existing.isPresent()) {
            var promoted = EnumSet.copyOf(existing.get().roles());
            promoted.add(Role.ADMIN);
            roles.setRoles(null, existing.get().id(), promoted);
            log.info("promoted existing user {} to admin (COFFER_ADMIN_EMAIL)", email);
            return;
        }
        // The operator chose this password on purpose: warn about a weak one rather than refuse to start.
        policy.problem(password, email).ifPresent(problem ->
                log.warn("COFFER_ADMIN_PASSWORD is weak ({}); change it after the first login", problem));
        var bootstrap = new ClientInfo("127.0.0.1", "coffer-admin-bootstrap");
        registration.createTrusted(email, password, "Administrator", EnumSet.of(Role.CUSTOMER, Role.ADMIN), bootstrap);
        log.info("created admin {} (COFFER_ADMIN_EMAIL)", email);
    }
}
