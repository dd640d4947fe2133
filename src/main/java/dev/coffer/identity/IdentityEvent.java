package dev.coffer.identity;

import dev.coffer.platform.AuditableEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What happens to identities; each is published in the transaction that makes the change and is audited. */
public sealed interface IdentityEvent extends AuditableEvent {

    String userId();

    @Override
    default Optional<String> actorId() {
        return Optional.ofNullable(userId());
    }

    @Override
    default Optional<String> subjectId() {
        return Optional.ofNullable(userId());
    }

    @Override
    default Map<String, Object> auditData() {
        return Map.of();
    }

    record UserRegistered(String userId, String ip) implements IdentityEvent {
        public String auditType() { return "user.registered"; }
        public Map<String, Object> auditData() { return Map.of("ip", ip); }
    }

    /**
     * A login; {@code newDevice} when the device presented no valid device token (a new-device login),
     * {@code firstDevice} when the user had no known device before (their very first login).
     */
    record LoginSucceeded(String userId, String sessionId, String ip, String deviceId, boolean newDevice,
            boolean firstDevice) implements IdentityEvent {
        public String auditType() { return "login.succeeded"; }
        public Map<String, Object> auditData() {
            return Map.of("sessionId", sessionId, "ip", ip, "deviceId", deviceId, "newDevice", newDevice);
        }
    }

    /** A failed login; {@code userId} is null when the email belongs to nobody. */
    record LoginFailed(String userId, String reason, String ip) implements IdentityEvent {
        public String auditType() { return "login.failed"; }
        public Map<String, Object> auditData() { return Map.of("reason", reason, "ip", ip); }
    }

    record LoginLocked(String userId, long lockedForSeconds, String ip) implements IdentityEvent {
        public String auditType() { return "login.locked"; }
        public Map<String, Object> auditData() { return Map.of("lockedForSeconds", lockedForSeconds, "ip", ip); }
    }

    record LoggedOut(String userId, String sessionId) implements IdentityEvent {
        public String auditType() { return "logout"; }
        public Map<String, Object> auditData() { return Map.of("sessionId", sessionId); }
    }

    record SessionRevoked(String userId, String sessionId, String reason) implements IdentityEvent {
        public String auditType() { return "session.revoked"; }
        public Map<String, Object> auditData() { return Map.of("sessionId", sessionId, "reason", reason); }
    }

    record MfaEnrollmentStarted(String userId) implements IdentityEvent {
        public String auditType() { return "mfa.enrollment_started"; }
    }

    record MfaEnabled(String userId) implements IdentityEvent {
        public String auditType() { return "mfa.enabled"; }
    }

    record MfaDisabled(String userId) implements IdentityEvent {
        public String auditType() { return "mfa.disabled"; }
    }

    record RecoveryCodesRegenerated(String userId) implements IdentityEvent {
        public String auditType() { return "mfa.recovery_codes_regenerated"; }
    }

    record RecoveryCodeUsed(String userId, int remaining) implements IdentityEvent {
        public String auditType() { return "mfa.recovery_code_used"; }
        public Map<String, Object> auditData() { return Map.of("remaining", remaining); }
    }

    record PasswordChanged(String userId, int sessionsRevoked) implements IdentityEvent {
        public String auditType() { return "password.changed"; }
        public Map<String, Object> auditData() { return Map.of("sessionsRevoked", sessionsRevoked); }
    }

    record RolesChanged(String userId, String adminId, List<String> roles) implements IdentityEvent {
        public String auditType() { return "roles.changed"; }
        public Optional<String> actorId() { return Optional.ofNullable(adminId); }
        public Map<String, Object> auditData() { return Map.of("roles", roles); }
    }

    record PasskeyAdded(String userId, String credentialId, String label) implements IdentityEvent {
        public String auditType() { return "passkey.added"; }
        public Map<String, Object> auditData() { return Map.of("credentialId", credentialId, "label", label); }
    }

    record PasskeyRemoved(String userId, String credentialId) implements IdentityEvent {
        public String auditType() { return "passkey.removed"; }
        public Map<String, Object> auditData() { return Map.of("credentialId", credentialId); }
    }

    /** A passkey signed something: a login ({@code purpose} "login") or a step-up challenge ("step_up"). */
    record PasskeyUsed(String userId, String credentialId, String purpose) implements IdentityEvent {
        public String auditType() { return "passkey.used"; }
        public Map<String, Object> auditData() { return Map.of("credentialId", credentialId, "purpose", purpose); }
    }

    record UserLocked(String userId, String adminId, int sessionsRevoked, int appAuthorizationsRevoked)
            implements IdentityEvent {
        public String auditType() { return "user.locked"; }
        public Optional<String> actorId() { return Optional.ofNullable(adminId); }
        public Map<String, Object> auditData() {
            return Map.of("sessionsRevoked", sessionsRevoked, "appAuthorizationsRevoked", appAuthorizationsRevoked);
        }
    }

    record UserUnlocked(String userId, String adminId) implements IdentityEvent {
        public String auditType() { return "user.unlocked"; }
        public Optional<String> actorId() { return Optional.ofNullable(adminId); }
    }
}
