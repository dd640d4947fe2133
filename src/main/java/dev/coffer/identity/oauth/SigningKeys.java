package dev.coffer.identity.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.coffer.platform.Db;
import dev.coffer.platform.Ids;
import dev.coffer.platform.crypto.SecretBox;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The provider's RSA signing keys, in PostgreSQL so every node signs and verifies with the same ones: the private
 * half sealed with the secrets-at-rest key ({@link SecretBox}, bound to the key's id). The newest live key signs
 * ({@link #signingKeyId}); every live key is published in the JWKS, so tokens signed before a {@link #rotate} still
 * verify until they expire. Each node re-reads the table at most every {@link #REFRESH} (and at once for a key id it
 * does not know yet).
 */
@Component
public class SigningKeys implements JWKSource<SecurityContext> {

    static final Duration REFRESH = Duration.ofSeconds(30);
    private static final long SEAL_LOCK = 0x0A07_5167L;

    private record Loaded(List<RSAKey> keys, Instant at) {
    }

    private final JdbcClient jdbc;
    private final SecretBox box;
    private final Clock clock;
    private volatile Loaded loaded;

    SigningKeys(JdbcClient jdbc, SecretBox box, Clock clock) {
        this.jdbc = jdbc;
        this.box = box;
        this.clock = clock;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        var matched = selector.select(new JWKSet(List.<JWK>copyOf(keys())));
        if (matched.isEmpty() && selector.getMatcher().getKeyIDs() != null) {
            loaded = null; // a key another node just made: look again once
            matched = selector.select(new JWKSet(List.<JWK>copyOf(keys())));
        }
        return matched;
    }

    /** The key id new tokens are signed with (the newest live key). */
    public String signingKeyId() {
        return keys().getFirst().getKeyID();
    }

    /** Live keys, newest first; makes the first one if there is none (one node wins, under a lock). */
    List<RSAKey> keys() {
        var current = loaded;
        if (current != null && current.at().plus(REFRESH).isAfter(clock.instant())) {
            return current.keys();
        }
        var keys = read();
        if (keys.isEmpty()) {
            createFirst();
            keys = read();
        }
        loaded = new Loaded(keys, clock.instant());
        return keys;
    }

    /** A new signing key; the old ones stay published until {@link #retireOlderThan}. Returns the new key id. */
    @Transactional
    public String rotate() {
        var kid = insert();
        loaded = null;
        return kid;
    }

    /** Stops publishing keys made before the newest one and before {@code cutoff} (their tokens have expired). */
    @Transactional
    public int retireOlderThan(Instant cutoff) {
        int retired = jdbc.sql("""
                UPDATE oauth_signing_keys SET retired_at = :now
                WHERE retired_at IS NULL AND created_at < :cutoff
                  AND kid <> (SELECT kid FROM oauth_signing_keys WHERE retired_at IS NULL
                              ORDER BY created_at DESC, kid DESC LIMIT 1)
                """).param("now", Db.at(clock.instant())).param("cutoff", Db.at(cutoff)).update();
        loaded = null;
        return retired;
    }

    private void createFirst() {
        jdbc.sql("SELECT pg_advisory_xact_lock(:lock)").param("lock", SEAL_LOCK).query(Object.class).list();
        if (read().isEmpty()) {
            insert();
        }
    }

    private String insert() {
        try {
            var kid = Ids.newId("jwk");
            var key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID(kid).generate();
            jdbc.sql("""
                    INSERT INTO oauth_signing_keys (kid, public_jwk, private_jwk, created_at)
                    VALUES (:kid, :publicJwk, :privateJwk, :now)
                    """).param("kid", kid).param("publicJwk", key.toPublicJWK().toJSONString())
                    .param("privateJwk", box.seal(key.toJSONString(), binding(kid)))
                    .param("now", Db.at(clock.instant())).update();
            return kid;
        } catch (JOSEException e) {
            throw new IllegalStateException("could not generate an RSA signing key", e);
        }
    }

    private List<RSAKey> read() {
        return jdbc.sql("""
                SELECT kid, private_jwk FROM oauth_signing_keys WHERE retired_at IS NULL
                ORDER BY created_at DESC, kid DESC
                """).query((rs, n) -> parse(rs.getString("kid"), rs.getString("private_jwk"))).list();
    }

    private RSAKey parse(String kid, String sealed) {
        try {
            return RSAKey.parse(box.open(sealed, binding(kid)));
        } catch (ParseException e) {
            throw new IllegalStateException("signing key " + kid + " does not parse", e);
        }
    }

    /** The associated data a sealed private key is bound to: it opens only in its own row. */
    static String binding(String kid) {
        return "oauth-signing-key:" + kid;
    }
}
