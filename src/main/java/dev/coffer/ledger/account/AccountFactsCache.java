package dev.coffer.ledger.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The immutable facts of accounts ({@link AccountFacts}), kept per node after the first read. Owner, kind and
 * currency never change and accounts are never deleted, so a cached entry is never stale, on any node; accounts not
 * found are not cached (they may be created a moment later). Saves a query on every transfer, whose pre-checks
 * (ownership, currency, not a system account) need only these facts.
 */
@Component
public class AccountFactsCache {

    /** ~150 bytes an entry (ids, record, map node): under 10 MiB; the least used go first when it is full. */
    private static final int MAX_ENTRIES = 50_000;

    private final AccountRepository accounts;
    private final Cache<String, AccountFacts> cache = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).build();

    AccountFactsCache(AccountRepository accounts) {
        this.accounts = accounts;
    }

    /** The facts of those of {@code ids} that exist, in no particular order. */
    public List<AccountFacts> findAll(Collection<String> ids) {
        return List.copyOf(cache.getAll(ids, missing -> {
            var found = new HashMap<String, AccountFacts>();
            accounts.findAll(List.copyOf(missing)).forEach(account -> found.put(account.id(), account.facts()));
            return found;
        }).values());
    }
}
