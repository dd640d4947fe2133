package dev.coffer.ledger.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.ledger.history.BulkHistory;
import dev.coffer.support.IntegrationTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What limits cost a single transfer: the same transfer from an account with limits and from one without, both with
 * {@value #HISTORY} debits earlier this month, interleaved so that load on the machine hits both alike. The limited
 * account pays one more statement under its lock (the day's and month's sums, index range scans).
 */
class SpendingLimitsCostTest extends IntegrationTest {

    private static final int HISTORY = 3_000;
    private static final int ROUNDS = 150;

    @Test
    void limitsDoNotNoticeablySlowASingleTransfer() {
        var bank = newShop();
        var owner = newUser("cost");
        var limited = bank.fundedAccount(owner, "EUR", 900_000);
        var unlimited = bank.fundedAccount(owner, "EUR", 900_000);
        var sink = bank.fundedAccount(owner, "EUR", 0);
        var since = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(HISTORY + 60);
        BulkHistory.transfers(jdbc, limited, sink, HISTORY, since);
        BulkHistory.transfers(jdbc, unlimited, sink, HISTORY, since);
        jdbc.sql("ANALYZE entries").update();
        var limits = api.put("/api/v1/accounts/" + limited + "/limits").token(owner.token())
                .json(Map.of("perTransfer", 100_000, "daily", 500_000, "monthly", 800_000)).send();
        assertThat(limits.status()).isEqualTo(200);

        for (int i = 0; i < 20; i++) {
            send(owner, limited, sink);
            send(owner, unlimited, sink);
        }
        var withLimits = new ArrayList<Long>();
        var without = new ArrayList<Long>();
        for (int i = 0; i < ROUNDS; i++) {
            withLimits.add(send(owner, limited, sink));
            without.add(send(owner, unlimited, sink));
        }
        double limitedMillis = median(withLimits) / 1e6;
        double unlimitedMillis = median(without) / 1e6;
        System.out.printf("single transfer, median of %d: with limits %.2f ms, without %.2f ms%n", ROUNDS,
                limitedMillis, unlimitedMillis);
        assertThat(limitedMillis).as("with limits vs without (%.2f ms)", unlimitedMillis)
                .isLessThanOrEqualTo(unlimitedMillis * 1.5 + 2);
        var spentToday = jdbc.sql("""
                        SELECT count(*) FROM entries WHERE account_id = :id AND side = 'debit' AND created_at >= :since
                        """).param("id", limited).param("since", java.sql.Timestamp.from(since)).query(Long.class)
                .single();
        assertThat(spentToday).isEqualTo(HISTORY + 20 + ROUNDS);
    }

    private long send(TestUser owner, String from, String to) {
        var answer = api.post("/api/v1/transfers").token(owner.token())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .json(Map.of("fromAccountId", from, "toAccountId", to, "amount", 1, "currency", "EUR")).send();
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return answer.roundTripNanos();
    }

    private static double median(List<Long> values) {
        var sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
