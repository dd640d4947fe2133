package dev.coffer.ledger.account;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The immutable facts of accounts ({@link AccountFacts}), kept per node after the first read. Owner, kind and
 * currency never change and accounts are never deleted, so a cached entry is never stale, on any node; accounts not
 * found are not cached (they may be created a moment later). Saves a query on every transfer, whose pre-checks
 * (ownership, currency, not a system account) need only these facts.
 */
@Component
public class AccountFactsCache {

    /** ~150 bytes an entry (ids, record, map node): under 10 MiB. Emptied when full: simpler than LRU, and refills on demand. */
    private static final int MAX_ENTRIES = 50_000;

    private final AccountRepository accounts;
    private final Map<String, AccountFacts> cache = new ConcurrentHashMap<>();

    AccountFactsCache(AccountRepository accounts) {
        this.accounts = accounts;
    }

    /** The facts of those of {@code ids} that exist, in no particular order. */
    public List<AccountFacts> findAll(Collection<String> ids) {
        var found = new ArrayList<AccountFacts>(ids.size());
        var missing = new ArrayList<String>();
        for (var id : ids) {
            var facts = cache.get(id);
            if (facts != null) {
                found.add(facts);
            } else {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
            }
            for (var account : accounts.findAll(missing)) {
                var facts = account.facts();
                cache.put(facts.id(), facts);
                found.add(facts);
            }
        }
        return found;
    }
}
