package dev.coffer.ledger;

import dev.coffer.platform.AuditableBatch;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Everything one ledger transaction did, published once inside it (for the audit log, webhooks and people's live
 * events): what happened, and each changed account's balances after every operation that changed it, in order (so
 * a listener sees every value a balance passed through, not only where it ended).
 */
public record LedgerChanges(List<LedgerEvent> events, List<AccountBalance> balances) implements AuditableBatch {

    public LedgerChanges {
        events = List.copyOf(events);
        balances = List.copyOf(balances);
    }

    /** Changes that moved no money (an account opened, frozen). */
    public LedgerChanges(List<LedgerEvent> events) {
        this(events, List.of());
    }

    /** Each changed account's balances at the end of the transaction. */
    public Collection<AccountBalance> finalBalances() {
        var last = new LinkedHashMap<String, AccountBalance>();
        balances.forEach(balance -> last.put(balance.accountId(), balance));
        return last.values();
    }

    @Override
    public List<LedgerEvent> auditEvents() {
        return events;
    }
}
