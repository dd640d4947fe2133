package dev.coffer.ledger.history;

import dev.coffer.identity.Users;
import dev.coffer.platform.Db;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Money promised but not yet moved: an account's pending holds (a checkout authorized and not yet captured), shown
 * apart from the history, since they are not posted: they lower the available balance, not the ledger balance, and
 * a hold may still be released. Read from the primary, live at this instant (a hold past its expiry no longer
 * counts, whether or not the release job has ended it). The caller passes only accounts it checked are the viewer's.
 */
@Service
public class PendingHolds {

    /** At most this many rows: a list to glance at, not a history. */
    public static final int MAX_ROWS = 20;

    private final JdbcClient jdbc;
    private final Users users;
    private final Clock clock;

    PendingHolds(JdbcClient jdbc, Users users, Clock clock) {
        this.jdbc = jdbc;
        this.users = users;
        this.clock = clock;
    }

    /** One pending hold: {@code amount} is what it holds back (positive), {@code payee} whom it is promised to. */
    public record PendingHold(String id, String accountId, long amount, String currency, String payee,
            String reference, Instant createdAt, Instant expiresAt) {
    }

    /** The accounts' pending holds, newest first; the partial index of pending holds by account finds them. */
    public List<PendingHold> of(Collection<String> accountIds) {
        if (accountIds.isEmpty()) {
            return List.of();
        }
        record Raw(String id, String accountId, long amount, String currency, String payeeOwner, String payeeAccount,
                String reference, Instant createdAt, Instant expiresAt) {
        }
        var raw = jdbc.sql("""
                        SELECT h.id, h.account_id, h.amount, h.currency, h.reference, h.created_at, h.expires_at,
                               a.owner_id AS payee_owner, a.name AS payee_account
                        FROM holds h JOIN accounts a ON a.id = h.to_account_id
                        WHERE h.account_id = ANY(:accounts::text[]) AND h.status = 'pending' AND h.expires_at > :now
                        ORDER BY h.created_at DESC, h.id DESC LIMIT :limit
                        """)
                .param("accounts", accountIds.toArray(String[]::new)).param("now", Db.at(clock.instant()))
                .param("limit", MAX_ROWS)
                .query((rs, n) -> new Raw(rs.getString("id"), rs.getString("account_id"), rs.getLong("amount"),
                        rs.getString("currency").strip(), rs.getString("payee_owner"), rs.getString("payee_account"),
                        rs.getString("reference"), Db.instant(rs, "created_at"), Db.instant(rs, "expires_at")))
                .list();
        var names = users.displayNames(raw.stream().map(Raw::payeeOwner).filter(Objects::nonNull).distinct().toList());
        return raw.stream().map(r -> new PendingHold(r.id(), r.accountId(), r.amount(), r.currency(),
                r.payeeOwner() == null ? HistoryService.BANK_NAME : names.getOrDefault(r.payeeOwner(), r.payeeAccount()),
                r.reference(), r.createdAt(), r.expiresAt())).toList();
    }
}
