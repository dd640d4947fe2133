package dev.coffer.identity.passkey;

import dev.coffer.identity.IdentityEvent.PasskeyAdded;
import dev.coffer.identity.IdentityEvent.PasskeyRemoved;
import dev.coffer.identity.IdentityEvent.PasskeyUsed;
import dev.coffer.identity.passkey.Ceremonies.Purpose;
import dev.coffer.identity.user.UserRepository;
import dev.coffer.platform.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.web.webauthn.api.AuthenticatorAssertionResponse;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredential;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.ImmutableRelyingPartyRegistrationRequest;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.RelyingPartyAuthenticationRequest;
import org.springframework.security.web.webauthn.management.RelyingPartyPublicKey;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * People's passkeys: registering one (user verification required), listing and removing them, and checking a
 * passkey's signature for a login or a step-up challenge. Every ceremony is a challenge from {@link Ceremonies},
 * spent once; the signature, origin, rp id, user-verification flag and counter are checked by Spring Security's
 * webauthn4j operations ({@link RelyingParty}) against the credential stored by its JDBC repository.
 */
@Service
public class Passkeys {

    private static final Logger log = LoggerFactory.getLogger(Passkeys.class);
    static final int MAX_LABEL_CHARS = 60;

    private final Ceremonies ceremonies;
    private final RelyingParty relyingParty;
    private final PasskeyOptions options;
    private final PasskeyJson json;
    private final PublicKeyCredentialUserEntityRepository userEntities;
    private final UserCredentialRepository credentials;
    private final UserRepository users;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    /** A transaction of its own even inside the caller's: a spent ceremony stays spent when the login fails. */
    private final TransactionTemplate ownTx;
    private final Clock clock;

    Passkeys(Ceremonies ceremonies, RelyingParty relyingParty, PasskeyOptions options, PasskeyJson json,
            PublicKeyCredentialUserEntityRepository userEntities, UserCredentialRepository credentials,
            UserRepository users, JdbcClient jdbc, ApplicationEventPublisher events, TransactionTemplate tx,
            Clock clock) {
        this.ceremonies = ceremonies;
        this.relyingParty = relyingParty;
        this.options = options;
        this.json = json;
        this.userEntities = userEntities;
        this.credentials = credentials;
        this.users = users;
        this.jdbc = jdbc;
        this.events = events;
        this.tx = tx;
        this.ownTx = new TransactionTemplate(tx.getTransactionManager());
        this.ownTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** One of a user's passkeys as the security page shows it; {@code id} is the credential id (base64url). */
    public record Passkey(String id, String label, Instant createdAt, Instant lastUsedAt) {
    }

    public List<Passkey> list(String userId) {
        return jdbc.sql("""
                        SELECT c.credential_id, c.label, c.created, c.last_used
                        FROM user_credentials c JOIN user_entities u ON u.id = c.user_entity_user_id
                        WHERE u.name = :user ORDER BY c.created, c.credential_id
                        """)
                .param("user", userId)
                .query((rs, n) -> new Passkey(rs.getString("credential_id"), rs.getString("label"),
                        rs.getTimestamp("created").toInstant(), rs.getTimestamp("last_used").toInstant()))
                .list();
    }

    public boolean has(String userId) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM user_credentials c JOIN user_entities u
                                       ON u.id = c.user_entity_user_id WHERE u.name = :user)
                        """)
                .param("user", userId).query(Boolean.class).single();
    }

    /** The options for {@code navigator.credentials.create()} (JSON), for a new passkey of this user. */
    public String registrationOptions(String userId) {
        return tx.execute(status -> {
            var user = userEntity(userId);
            var challenge = ceremonies.open(Purpose.register, userId, null, clock.instant());
            return json.write(options.creation(relyingParty.current(), user, challenge,
                    credentials.findByUserId(user.getId())));
        });
    }

    /** Checks the browser's new credential against the user's registration ceremony and stores it. */
    public Passkey register(String userId, String credentialJson, String label) {
        var name = label == null || label.isBlank() ? "Passkey" : label.strip();
        if (name.length() > MAX_LABEL_CHARS) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed",
                    "A passkey's name has at most " + MAX_LABEL_CHARS + " characters");
        }
        var credential = json.attestation(credentialJson);
        var challenge = json.challengeOf(credential);
        return tx.execute(status -> {
            var now = clock.instant();
            ceremonies.spend(challenge, Purpose.register, now).filter(c -> userId.equals(c.userId()))
                    .orElseThrow(Passkeys::expired);
            var party = relyingParty.current();
            var creation = options.creation(party, userEntity(userId), challenge, List.of());
            try {
                relyingParty.operations(party).registerCredential(new ImmutableRelyingPartyRegistrationRequest(
                        creation, new RelyingPartyPublicKey(credential, name)));
            } catch (RuntimeException refused) {
                log.info("Passkey registration refused for {}: {}", userId, refused.toString());
                throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "passkey_refused",
                        "The passkey could not be added (it may be registered already, or your device did not "
                                + "verify you)");
            }
            var id = credential.getRawId().toBase64UrlString();
            events.publishEvent(new PasskeyAdded(userId, id, name));
            return new Passkey(id, name, now, now);
        });
    }

    /** Removes one of the user's own passkeys; someone else's (or an unknown one) is a 404. */
    public void remove(String userId, String credentialId) {
        tx.executeWithoutResult(status -> {
            int removed = jdbc.sql("""
                            DELETE FROM user_credentials c USING user_entities u
                            WHERE c.credential_id = :id AND u.id = c.user_entity_user_id AND u.name = :user
                            """)
                    .param("id", credentialId).param("user", userId).update();
            if (removed == 0) {
                throw ApiException.notFound("Passkey");
            }
            events.publishEvent(new PasskeyRemoved(userId, credentialId));
        });
    }

    /** Options for a passkey login: no user known yet, so any of Coffer's passkeys on the device may answer. */
    public String loginOptions() {
        return tx.execute(status -> json.write(options.request(relyingParty.current(),
                ceremonies.open(Purpose.login, null, null, clock.instant()), List.of())));
    }

    /**
     * The user a passkey login belongs to, once its signature is verified (in the caller's transaction, with the
     * {@code passkey.used} audit event). The ceremony is spent first, in a transaction of its own, so a refused
     * answer cannot be tried again with the same challenge.
     */
    public String authenticateLogin(String credentialJson) {
        var credential = json.assertion(credentialJson);
        var challenge = json.challengeOf(credential);
        ownTx.execute(status -> ceremonies.spend(challenge, Purpose.login, clock.instant()))
                .orElseThrow(Passkeys::expired);
        var party = relyingParty.current();
        var userId = verify(party, options.request(party, challenge, List.of()), credential)
                .orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "passkey_refused",
                        "This passkey is not (or no longer) registered with Coffer, or it could not be verified"));
        events.publishEvent(new PasskeyUsed(userId, credential.getRawId().toBase64UrlString(), "login"));
        return userId;
    }

    /** Options to confirm step-up challenge {@code stepUpId} with one of this user's passkeys. */
    public String stepUpOptions(String userId, String stepUpId) {
        var user = userEntities.findByUsername(userId);
        var own = user == null ? List.<CredentialRecord>of()
                : credentials.findByUserId(user.getId());
        return json.write(options.request(relyingParty.current(),
                ceremonies.open(Purpose.step_up, userId, stepUpId, clock.instant()), own));
    }

    /**
     * Whether {@code credentialJson} is this user's passkey signing the ceremony opened for step-up challenge
     * {@code stepUpId}. Runs in the caller's transaction (the challenge row's lock); never throws for a bad
     * signature, so the caller counts it as a wrong answer.
     */
    public boolean verifyStepUp(String userId, String stepUpId, String credentialJson) {
        var credential = json.assertion(credentialJson);
        var challenge = json.challengeOf(credential);
        var spent = ceremonies.spend(challenge, Purpose.step_up, clock.instant());
        if (spent.isEmpty() || !userId.equals(spent.get().userId()) || !stepUpId.equals(spent.get().stepUpId())) {
            return false;
        }
        var party = relyingParty.current();
        var user = userEntities.findByUsername(userId);
        if (user == null) {
            return false;
        }
        var signedBy = verify(party, options.request(party, challenge, credentials.findByUserId(user.getId())),
                credential);
        if (signedBy.filter(userId::equals).isEmpty()) {
            return false;
        }
        events.publishEvent(new PasskeyUsed(userId, credential.getRawId().toBase64UrlString(), "step_up"));
        return true;
    }

    /** The Coffer user whose passkey made this signature, or empty when any check fails. */
    private Optional<String> verify(RelyingParty.Party party,
            PublicKeyCredentialRequestOptions request,
            PublicKeyCredential<AuthenticatorAssertionResponse> credential) {
        try {
            return Optional.of(relyingParty.operations(party)
                    .authenticate(new RelyingPartyAuthenticationRequest(request, credential)).getName());
        } catch (RuntimeException refused) {
            log.info("Passkey assertion refused: {}", refused.toString());
            return Optional.empty();
        }
    }

    /** The user's WebAuthn user entity (its handle is random), made on their first passkey. */
    private PublicKeyCredentialUserEntity userEntity(String userId) {
        var existing = userEntities.findByUsername(userId);
        if (existing != null) {
            return existing;
        }
        var user = users.findById(userId).orElseThrow(() -> ApiException.notFound("User"));
        var created = ImmutablePublicKeyCredentialUserEntity.builder().id(Bytes.random()).name(userId)
                .displayName(user.email()).build();
        userEntities.save(created);
        return created;
    }

    private static ApiException expired() {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "passkey_expired",
                "That took too long (or was already used); try the passkey again");
    }
}
