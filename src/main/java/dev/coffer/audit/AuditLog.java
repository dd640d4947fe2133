package dev.coffer.audit;

import dev.coffer.platform.AuditableBatch;
import dev.coffer.platform.AuditableEvent;
import dev.coffer.platform.Db;
import dev.coffer.platform.Ids;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The append-only, hash-chained audit log. Every {@link AuditableEvent} is appended in the publisher's own
 * transaction (a synchronous listener), so a change and its audit row commit or vanish together.
 *
 * <p>Row n stores {@code hash_n = SHA-256(hash_{n-1} || canonical(row n))}. Appends lock the one-row chain head,
 * which gives the chain a single order; the database refuses UPDATE, DELETE and TRUNCATE on the rows.
 */
@Component
public class AuditLog {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(AuditableEvent event) {
        appendAll(List.of(event));
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(AuditableBatch batch) {
        appendAll(batch.auditEvents());
    }

    /** Appends events in order, in the caller's transaction (required: an audit row never stands alone). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void appendAll(List<? extends AuditableEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        var head = jdbc.sql("SELECT seq, hash FROM audit_chain_head WHERE id = 1 FOR UPDATE")
                .query((rs, row) -> new Link(rs.getLong("seq"), rs.getBytes("hash")))
                .single();
        var now = Db.micros(clock.instant());
        long seq = head.seq();
        byte[] hash = head.hash();
        var rows = new ArrayList<AuditRow>(events.size());
        var prevHashes = new ArrayList<byte[]>(events.size());
        var hashes = new ArrayList<byte[]>(events.size());
        for (var event : events) {
            seq++;
            var row = new AuditRow(seq, Ids.newId("aud"), event.auditType(), event.actorId().orElse(null),
                    event.subjectId().orElse(null), json.writeValueAsString(new TreeMap<>(event.auditData())), now);
            prevHashes.add(hash);
            hash = chainHash(hash, row);
            rows.add(row);
            hashes.add(hash);
        }
        insertAndMoveHead(rows, prevHashes, hashes, now, new Link(seq, hash));
    }

    /**
     * All rows of one append and the new chain head in one statement, however many rows there are (a ledger batch
     * brings hundreds): the append costs two round trips, the locking read of the head and this.
     */
    private void insertAndMoveHead(List<AuditRow> rows, List<byte[]> prevHashes, List<byte[]> hashes, Instant now,
            Link newHead) {
        jdbc.sql("""
                        WITH head AS (UPDATE audit_chain_head SET seq = :headSeq, hash = :headHash WHERE id = 1)
                        INSERT INTO audit_events (seq, id, type, actor_id, subject_id, data, created_at, prev_hash, hash)
                        SELECT seq, id, type, actor, subject, data, :createdAt, prev, hash
                        FROM unnest(:seqs::bigint[], :ids::text[], :types::text[], :actors::text[], :subjects::text[],
                                    :data::text[], :prevs::bytea[], :hashes::bytea[])
                             AS r(seq, id, type, actor, subject, data, prev, hash)
                        """)
                .param("headSeq", newHead.seq()).param("headHash", newHead.hash())
                .param("createdAt", Db.at(now))
                .param("seqs", rows.stream().mapToLong(AuditRow::seq).toArray())
                .param("ids", rows.stream().map(AuditRow::id).toArray(String[]::new))
                .param("types", rows.stream().map(AuditRow::type).toArray(String[]::new))
                .param("actors", rows.stream().map(AuditRow::actorId).toArray(String[]::new))
                .param("subjects", rows.stream().map(AuditRow::subjectId).toArray(String[]::new))
                .param("data", rows.stream().map(AuditRow::data).toArray(String[]::new))
                .param("prevs", prevHashes.toArray(byte[][]::new))
                .param("hashes", hashes.toArray(byte[][]::new))
                .update();
    }

    record Link(long seq, byte[] hash) {
    }

    /** One audit row as hashed; {@code data} is the exact JSON text stored. */
    record AuditRow(long seq, String id, String type, String actorId, String subjectId, String data,
            Instant createdAt) {
    }

    /** The chain rule, shared by append and verification. Fields are length-prefixed so none can bleed into another. */
    static byte[] chainHash(byte[] prev, AuditRow row) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            digest.update(prev);
            digest.update(ByteBuffer.allocate(Long.BYTES).putLong(row.seq()).array());
            for (var field : new String[] {row.id(), row.type(), row.actorId(), row.subjectId(), row.data(),
                    row.createdAt().toString()}) {
                var bytes = field == null ? new byte[0] : field.getBytes(StandardCharsets.UTF_8);
                digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(field == null ? -1 : bytes.length).array());
                digest.update(bytes);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }
}
