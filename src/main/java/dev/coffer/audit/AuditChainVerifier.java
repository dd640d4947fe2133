package dev.coffer.audit;

import dev.coffer.platform.Db;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Re-computes the audit hash chain from the first row: every row must follow its predecessor without a gap, store
 * its predecessor's hash, and hash to what it stores; the chain head must name the last row.
 */
@Component
public class AuditChainVerifier {

    private static final int MAX_PROBLEMS = 100;

    private final JdbcClient jdbc;

    AuditChainVerifier(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Report(long rows, List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    @Transactional(readOnly = true)
    public Report verify() {
        var problems = new ArrayList<String>();
        var state = new Object() {
            long expectedSeq = 1;
            byte[] previous = new byte[32];
            long rows;
        };
        jdbc.sql("""
                        SELECT seq, id, type, actor_id, subject_id, data, created_at, prev_hash, hash
                        FROM audit_events ORDER BY seq
                        """)
                .withFetchSize(1000)
                .query(rs -> {
                    var row = new AuditLog.AuditRow(rs.getLong("seq"), rs.getString("id"), rs.getString("type"),
                            rs.getString("actor_id"), rs.getString("subject_id"), rs.getString("data"),
                            Db.instant(rs, "created_at"));
                    byte[] prev = rs.getBytes("prev_hash");
                    byte[] hash = rs.getBytes("hash");
                    if (row.seq() != state.expectedSeq) {
                        add(problems, "audit row " + row.seq() + " follows " + (state.expectedSeq - 1) + ": gap");
                    }
                    if (!MessageDigest.isEqual(prev, state.previous)) {
                        add(problems, "audit row " + row.seq() + " does not link to the previous row's hash");
                    }
                    if (!MessageDigest.isEqual(hash, AuditLog.chainHash(prev, row))) {
                        add(problems, "audit row " + row.seq() + " was altered: its hash does not match its content");
                    }
                    state.expectedSeq = row.seq() + 1;
                    state.previous = hash;
                    state.rows++;
                });
        var head = jdbc.sql("SELECT seq, hash FROM audit_chain_head WHERE id = 1")
                .query((rs, n) -> new AuditLog.Link(rs.getLong("seq"), rs.getBytes("hash"))).single();
        if (head.seq() != state.expectedSeq - 1 || !MessageDigest.isEqual(head.hash(), state.previous)) {
            add(problems, "audit chain head (seq " + head.seq() + ", " + HexFormat.of().formatHex(head.hash())
                    + ") does not match the last row");
        }
        return new Report(state.rows, List.copyOf(problems));
    }

    private static void add(List<String> problems, String problem) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(problem);
        }
    }
}
