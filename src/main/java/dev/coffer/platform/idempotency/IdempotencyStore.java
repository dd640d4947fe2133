package dev.coffer.platform.idempotency;

import dev.coffer.platform.Db;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Idempotency keys in PostgreSQL, used inside the transaction that does the work, so the stored answer and the
 * change it describes commit together or not at all.
 *
 * <p>A claim takes a transaction-scoped advisory lock on the key: a second request with the same key while the
 * first is still running finds the lock taken and is told "in flight" (409) at once, on any node.
 */
@Component
public class IdempotencyStore {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration retention;

    IdempotencyStore(JdbcClient jdbc, Clock clock, IdempotencyProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.retention = properties.retention();
    }

    /** What a claim found. */
    public sealed interface Claim {
        /** The key is new: do the work, then {@link #record} its answer in the same transaction. */
        record Fresh() implements Claim {
        }

        /** Seen before with this very request: answer with the stored response. */
        record Replay(StoredResponse response) implements Claim {
        }

        /** Seen before with a different request: 422 {@code idempotency_key_reused}. */
        record Mismatch() implements Claim {
        }

        /** Another transaction holds this key right now: 409 {@code idempotency_key_in_use}. */
        record InFlight() implements Claim {
        }
    }

    /** Claims each key (in order) inside the current transaction. Keys must be distinct. */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Claim> claimAll(List<IdempotencyKey> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        var locked = jdbc.sql("""
                        SELECT pg_try_advisory_xact_lock(hashtextextended(k.scope || ' ' || k.key, 42)) AS locked
                        FROM unnest(:scopes::text[], :keys::text[]) WITH ORDINALITY AS k(scope, key, n)
                        ORDER BY k.n
                        """)
                .param("scopes", keys.stream().map(IdempotencyKey::scope).toArray(String[]::new))
                .param("keys", keys.stream().map(IdempotencyKey::key).toArray(String[]::new))
                .query(Boolean.class).list();
        if (locked.size() != keys.size()) {
            throw new IllegalStateException("one lock result per key: " + keys.size() + " keys, " + locked.size());
        }
        // A second statement on purpose: under READ COMMITTED each statement reads its own snapshot, and this one is
        // taken after the locks are held, so it sees the answer a twin request committed just before we got its lock.
        // Joined into the locking statement, the lookup would read from before the lock and could miss that answer.
        var stored = findStored(keys);
        var claims = new ArrayList<Claim>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            var key = keys.get(i);
            var row = stored.get(key.identity());
            if (!locked.get(i)) {
                claims.add(new Claim.InFlight());
            } else if (row == null) {
                claims.add(new Claim.Fresh());
            } else if (key.sameRequestAs(row.fingerprint())) {
                claims.add(new Claim.Replay(row.response()));
            } else {
                claims.add(new Claim.Mismatch());
            }
        }
        return claims;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Claim claim(IdempotencyKey key) {
        return claimAll(List.of(key)).getFirst();
    }

    /** Stores the answers of freshly claimed keys, in the transaction that made the change. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordAll(List<IdempotencyKey> keys, List<StoredResponse> responses) {
        if (keys.size() != responses.size()) {
            throw new IllegalArgumentException("one response per key");
        }
        if (keys.isEmpty()) {
            return;
        }
        int inserted = jdbc.sql("""
                        INSERT INTO idempotency_keys (scope, key, request_hash, response_status, response_body, created_at)
                        SELECT scope, key, hash, status, body, :now
                        FROM unnest(:scopes::text[], :keys::text[], :hashes::bytea[], :statuses::int[], :bodies::text[])
                             AS r(scope, key, hash, status, body)
                        """)
                .param("now", Db.at(clock.instant()))
                .param("scopes", keys.stream().map(IdempotencyKey::scope).toArray(String[]::new))
                .param("keys", keys.stream().map(IdempotencyKey::key).toArray(String[]::new))
                .param("hashes", keys.stream().map(IdempotencyKey::fingerprint).toArray(byte[][]::new))
                .param("statuses", responses.stream().map(StoredResponse::status).toArray(Integer[]::new))
                .param("bodies", responses.stream().map(StoredResponse::body).toArray(String[]::new))
                .update();
        if (inserted != keys.size()) {
            throw new IllegalStateException("answers stored: " + inserted + " of " + keys.size());
        }
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(IdempotencyKey key, StoredResponse response) {
        recordAll(List.of(key), List.of(response));
    }

    private record Row(byte[] fingerprint, StoredResponse response) {
    }

    private Map<String, Row> findStored(List<IdempotencyKey> keys) {
        var rows = new HashMap<String, Row>();
        jdbc.sql("""
                        SELECT i.scope, i.key, i.request_hash, i.response_status, i.response_body
                        FROM idempotency_keys i
                        JOIN unnest(:scopes::text[], :keys::text[]) AS k(scope, key)
                          ON i.scope = k.scope AND i.key = k.key
                        """)
                .param("scopes", keys.stream().map(IdempotencyKey::scope).toArray(String[]::new))
                .param("keys", keys.stream().map(IdempotencyKey::key).toArray(String[]::new))
                .query(rs -> {
                    rows.put(rs.getString("scope") + "\u0000" + rs.getString("key"), new Row(
                            rs.getBytes("request_hash"),
                            new StoredResponse(rs.getInt("response_status"), rs.getString("response_body"))));
                });
        return rows;
    }

    /** Keys are kept for {@code coffer.idempotency.retention} (default 3 days, at least 24 h); any node may clean. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT10M")
    void deleteExpired() {
        jdbc.sql("DELETE FROM idempotency_keys WHERE created_at < :cutoff")
                .param("cutoff", Db.at(clock.instant().minus(retention)))
                .update();
    }
}
