package dev.coffer.ledger.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.support.IntegrationTest;
import dev.coffer.support.QueryPlans;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every history read costs O(page), whatever the account's size: the plans PostgreSQL runs for the repository's
 * own SQL, on an account with {@value #ENTRIES} entries, contain no Sort and no node that produces more rows than
 * the page asked for (EXPLAIN ANALYZE counts what each node really produced).
 */
class HistoryPlanTest extends IntegrationTest {

    private static final int ENTRIES = 20_000;
    private static final int PAGE = 21;
    private static final int FILLER_ACCOUNTS = 20_000;

    private String account;
    private Instant firstEntryAt;

    @BeforeEach
    void bigAccount() {
        var shop = newShop();
        var owner = newUser("big");
        var from = shop.fundedAccount(owner, "EUR", 1_000_000);
        account = shop.fundedAccount(owner, "EUR", 0);
        firstEntryAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(ENTRIES + 60);
        BulkHistory.transfers(jdbc, from, account, ENTRIES, firstEntryAt);
        realisticAccountsTable(owner.id());
        jdbc.sql("ANALYZE accounts").update();
        jdbc.sql("ANALYZE entries").update();
        jdbc.sql("ANALYZE transfers").update();
    }

    /**
     * Gives the accounts table a bank's size once per JVM. With the few dozen rows earlier tests leave, PostgreSQL
     * rightly hashes the whole table instead of probing its index per row, but only once autovacuum has analyzed it,
     * which depends on the test order; with many accounts, as in production, the index probe wins every time.
     */
    private void realisticAccountsTable(String ownerId) {
        if (jdbc.sql("SELECT count(*) FROM accounts").query(Long.class).single() >= FILLER_ACCOUNTS) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO accounts (id, owner_id, kind, currency, name, created_at)
                        SELECT 'acc_filler' || i, :owner, 'customer', 'EUR', 'Filler', now()
                        FROM generate_series(1, :count) i
                        """)
                .param("owner", ownerId).param("count", FILLER_ACCOUNTS).update();
    }

    @Test
    void theFirstPageADeepPageAndADateFilteredPageReadOnlyAPage() {
        assertThat(problems(HistoryRepository.PAGE, Map.of("first", 1L, "last", (long) ENTRIES, "limit", PAGE)))
                .isEmpty();
        assertThat(problems(HistoryRepository.PAGE, Map.of("first", 1L, "last", ENTRIES - 500L * 20, "limit", PAGE)))
                .as("500 pages back").isEmpty();
        assertThat(problems(HistoryRepository.FIRST_AT_OR_AFTER, Map.of("at", firstEntryAt.plusSeconds(5_000))))
                .isEmpty();
        assertThat(problems(HistoryRepository.LAST_BEFORE, Map.of("at", firstEntryAt.plusSeconds(5_100)))).isEmpty();
        assertThat(problems(HistoryRepository.PAGE, Map.of("first", 5_000L, "last", 5_100L, "limit", PAGE)))
                .as("a date-filtered page").isEmpty();
        var from = firstEntryAt.plusSeconds(5_000);
        var to = firstEntryAt.plusSeconds(5_100);
        assertThat(problems(HistoryRepository.PAGE_FROM_TO, Map.of("from", from, "to", to, "last", (long) ENTRIES,
                "limit", PAGE))).as("a date-filtered page in one statement").isEmpty();
        assertThat(problems(HistoryRepository.PAGE_FROM, Map.of("from", from, "last", (long) ENTRIES, "limit", PAGE)))
                .as("from only").isEmpty();
        assertThat(problems(HistoryRepository.PAGE_TO, Map.of("to", to, "first", 1L, "last", (long) ENTRIES,
                "limit", PAGE))).as("to only").isEmpty();
    }

    @Test
    void aDateFilterPagesExactlyTheEntriesOfItsRange() {
        var repository = applicationContext.getBean(HistoryRepository.class);
        var range = new TimeRange(firstEntryAt.plusSeconds(100), firstEntryAt.plusSeconds(150));
        var numbers = repository.numbersWithin(jdbc, account, ENTRIES, range);
        assertThat(numbers).as("for statements").isEqualTo(new HistoryRepository.Numbers(100, 149));
        var page = repository.page(jdbc, account, ENTRIES, range, Long.MAX_VALUE, 10);
        assertThat(page).extracting(HistoryRepository.RawRow::entryNo).containsExactly(149L, 148L, 147L, 146L, 145L,
                144L, 143L, 142L, 141L, 140L);
        assertThat(page.getFirst().createdAt()).isEqualTo(firstEntryAt.plusSeconds(149));
        assertThat(repository.page(jdbc, account, ENTRIES, range, 101, 10)).extracting(HistoryRepository.RawRow::entryNo)
                .containsExactly(100L);
        assertThat(repository.page(jdbc, account, 120, range, Long.MAX_VALUE, 100)).as("bounded by the watermark")
                .hasSize(21);
        var fromOnly = new TimeRange(firstEntryAt.plusSeconds(ENTRIES - 3), TimeRange.END);
        assertThat(repository.page(jdbc, account, ENTRIES, fromOnly, Long.MAX_VALUE, 10))
                .extracting(HistoryRepository.RawRow::entryNo).containsExactly((long) ENTRIES, ENTRIES - 1L,
                        ENTRIES - 2L, ENTRIES - 3L);
        var toOnly = new TimeRange(TimeRange.BEGINNING, firstEntryAt.plusSeconds(3));
        assertThat(repository.page(jdbc, account, ENTRIES, toOnly, Long.MAX_VALUE, 10))
                .extracting(HistoryRepository.RawRow::entryNo).containsExactly(2L, 1L);
        assertThat(repository.page(jdbc, account, ENTRIES,
                new TimeRange(firstEntryAt.minusSeconds(100), firstEntryAt.minusSeconds(10)), Long.MAX_VALUE, 10))
                .as("a range before the first entry").isEmpty();
        assertThat(repository.page(jdbc, account, ENTRIES,
                new TimeRange(firstEntryAt.plusSeconds(ENTRIES + 100), TimeRange.END), Long.MAX_VALUE, 10))
                .as("a range after the last entry").isEmpty();
        var empty = repository.numbersWithin(jdbc, account, ENTRIES,
                new TimeRange(firstEntryAt.minusSeconds(100), firstEntryAt.minusSeconds(10)));
        assertThat(empty.isEmpty()).isTrue();
        assertThat(repository.numbersWithin(jdbc, account, 120, range)).as("bounded by the watermark")
                .isEqualTo(new HistoryRepository.Numbers(100, 120));
    }

    private List<String> problems(String sql, Map<String, Object> params) {
        var all = new java.util.HashMap<>(params);
        all.put("account", account);
        return QueryPlans.problems(jdbc, sql, all, PAGE);
    }
}
