package dev.coffer.ledger.history;

import dev.coffer.identity.Users;
import dev.coffer.ledger.AccountKind;
import dev.coffer.ledger.account.AccountFactsCache;
import dev.coffer.ledger.account.AccountService;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.db.ReplicaReads;
import dev.coffer.platform.web.Paging;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.Nullable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** An account's history, page by page, for its owner only. */
@Service
public class HistoryService {

    static final String BANK_NAME = "Coffer";

    private final HistoryRepository history;
    private final AccountService accounts;
    private final Users users;
    private final ReplicaReads reads;
    private final AccountFactsCache facts;

    HistoryService(HistoryRepository history, AccountService accounts, Users users, ReplicaReads reads,
            AccountFactsCache facts) {
        this.history = history;
        this.facts = facts;
        this.accounts = accounts;
        this.users = users;
        this.reads = reads;
    }

    @Schema(name = "TransactionPage")
    public record Page(List<HistoryRow> data, @Nullable String nextCursor) {
    }

    public Page page(String userId, String accountId, Integer limit, String cursor, String from, String to) {
        if (!reads.hasReplica()) {
            // Everything reads the primary: who owns the account never changes (cached per node), and the primary
            // needs no watermark, so the page costs its own query and the names, not a read of the account first.
            var owner = facts.findAll(List.of(accountId)).stream().filter(f -> f.isOwnedBy(userId)).findFirst()
                    .orElseThrow(() -> ApiException.notFound("Account"));
            return page(accountId, owner.ownerId(), Long.MAX_VALUE, db -> true, limit, cursor, from, to);
        }
        // The ownership check reads the primary; its entry count is the newest this page may show (the watermark).
        var account = accounts.owned(userId, accountId);
        long upTo = account.entryCount();
        return page(accountId, account.ownerId(), upTo, db -> HistoryRepository.hasEntriesUpTo(db, accountId, upTo),
                limit, cursor, from, to);
    }

    private Page page(String accountId, String ownerId, long upTo, Predicate<JdbcClient> isFresh, Integer limit,
            String cursor, String from, String to) {
        int size = Paging.limit(limit);
        var range = TimeRange.parse(from, to);
        long before = cursor == null || cursor.isEmpty() ? Long.MAX_VALUE : decodeCursor(cursor);
        var raw = reads.read(isFresh, db -> history.page(db, accountId, upTo, range, before, size + 1));
        var rows = raw.size() > size ? raw.subList(0, size) : raw;
        var next = raw.size() > size ? encodeCursor(rows.getLast().entryNo()) : null;
        return new Page(withNames(rows, ownerId), next);
    }

    /**
     * Looks the counterparties' owners up in the identity module, once per page. A move between two accounts of one
     * person names the other account ("Savings"), since the owner's own name would say nothing.
     */
    List<HistoryRow> withNames(List<HistoryRepository.RawRow> rows, String ownerId) {
        var ownerIds = rows.stream().map(HistoryRepository.RawRow::counterpartyOwner).filter(Objects::nonNull)
                .distinct().toList();
        Map<String, String> names = ownerIds.isEmpty() ? Map.of() : users.displayNames(ownerIds);
        var out = new ArrayList<HistoryRow>(rows.size());
        for (var row : rows) {
            var name = row.counterpartyKind() == AccountKind.SYSTEM ? BANK_NAME
                    : ownerId.equals(row.counterpartyOwner()) ? row.counterpartyAccountName()
                    : names.getOrDefault(row.counterpartyOwner(), row.counterpartyAccountName());
            out.add(new HistoryRow(row.transferId(), row.kind(), row.amount(), row.balanceAfter(),
                    new HistoryRow.Counterparty(row.counterpartyId(), name), row.description(), row.reference(),
                    "posted", row.createdAt()));
        }
        return out;
    }

    static String encodeCursor(long entryNo) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("e" + entryNo).getBytes(StandardCharsets.UTF_8));
    }

    static long decodeCursor(String cursor) {
        try {
            var text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!text.startsWith("e")) {
                throw new IllegalArgumentException(text);
            }
            long entryNo = Long.parseLong(text.substring(1));
            if (entryNo < 1) {
                throw new IllegalArgumentException(text);
            }
            return entryNo;
        } catch (IllegalArgumentException e) {
            throw Paging.invalidCursor();
        }
    }
}
