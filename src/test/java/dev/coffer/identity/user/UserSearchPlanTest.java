package dev.coffer.identity.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.support.IntegrationTest;
import dev.coffer.support.QueryPlans;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The admin's user search reads a page whatever the number of users: 20,000 people, 2,000 named alike. */
class UserSearchPlanTest extends IntegrationTest {

    private static final int PAGE = 20;

    @Test
    void searchingByEmailOrNamePrefixReadsOnlyAPage() {
        var tag = "plan" + System.nanoTime();
        jdbc.sql("""
                INSERT INTO users (id, email, email_key, display_name, password_hash, created_at, password_changed_at)
                SELECT 'usr_' || :tag || i, :tag || i || '@example.com', :tag || i || '@example.com',
                       CASE WHEN i % 10 = 0 THEN 'Alike ' || i ELSE 'Person ' || :tag || i END, 'x', now(), now()
                FROM generate_series(1, 20000) i
                """).param("tag", tag).update();
        jdbc.sql("ANALYZE users").update();

        var byName = Map.<String, Object>of("key", "nobody@example.com", "prefix", UserRepository.namePrefix("alike"),
                "limit", PAGE);
        assertThat(QueryPlans.problems(jdbc, UserRepository.SEARCH, byName, PAGE)).isEmpty();
        var byEmail = Map.<String, Object>of("key", tag + "7@example.com", "prefix", UserRepository.namePrefix(tag + "7@"),
                "limit", PAGE);
        assertThat(QueryPlans.problems(jdbc, UserRepository.SEARCH, byEmail, PAGE)).isEmpty();
    }

    @Test
    void wildcardsInTheQueryAreTakenLiterally() {
        assertThat(UserRepository.namePrefix("50%_off\\")).isEqualTo("50\\%\\_off\\\\%");
    }
}
