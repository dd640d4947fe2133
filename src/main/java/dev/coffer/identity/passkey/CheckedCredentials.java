package dev.coffer.identity.passkey;

import jakarta.annotation.Nullable;
import java.time.Clock;
import java.util.List;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutableCredentialRecord;
import org.springframework.security.web.webauthn.management.JdbcUserCredentialRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;

/**
 * Spring Security's JDBC credential store with two of Coffer's rules on every save: times come from the
 * application clock (the library would take the system's), and a signature counter that does not move forward is
 * refused. webauthn4j compares the counter only with the one of the registration (the library rebuilds its record
 * from the attestation), so a cloned authenticator replaying an older counter after later logins would pass; here
 * the stored, latest counter decides (WebAuthn §6.1.1: either counter non-zero and the new one not greater).
 */
class CheckedCredentials implements UserCredentialRepository {

    private final JdbcUserCredentialRepository jdbc;
    private final Clock clock;

    CheckedCredentials(JdbcUserCredentialRepository jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Thrown when a credential's counter goes backwards or stands still: it may have been cloned. */
    static final class CounterNotIncreased extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        CounterNotIncreased(long stored, long presented) {
            super("Signature counter " + presented + " is not above the stored " + stored + ": possibly a cloned key");
        }
    }

    @Override
    public void save(CredentialRecord record) {
        var now = clock.instant();
        var stored = jdbc.findByCredentialId(record.getCredentialId());
        var checked = ImmutableCredentialRecord.fromCredentialRecord(record).lastUsed(now);
        if (stored == null) {
            checked.created(now);
        } else {
            long before = stored.getSignatureCount();
            long after = record.getSignatureCount();
            if ((before != 0 || after != 0) && after <= before) {
                throw new CounterNotIncreased(before, after);
            }
            checked.created(stored.getCreated());
        }
        jdbc.save(checked.build());
    }

    @Override
    public void delete(Bytes credentialId) {
        jdbc.delete(credentialId);
    }

    @Override
    public @Nullable CredentialRecord findByCredentialId(Bytes credentialId) {
        return jdbc.findByCredentialId(credentialId);
    }

    @Override
    public List<CredentialRecord> findByUserId(Bytes userId) {
        return jdbc.findByUserId(userId);
    }
}
