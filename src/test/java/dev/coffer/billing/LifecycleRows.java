package dev.coffer.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads a subscription's rows, its invoices and its customer's balance, and compares them with the model. */
final class LifecycleRows {

    private LifecycleRows() {
    }

    static void assertMatches(JdbcClient jdbc, SubscriptionModel m) {
        var row = jdbc.sql("""
                SELECT status, period_index, cancel_at_period_end, anchor_at, current_period_start,
                    current_period_end FROM subscriptions WHERE id = :id""").param("id", m.id)
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getInt(2), rs.getBoolean(3),
                        instant(rs.getObject(4, OffsetDateTime.class)), instant(rs.getObject(5, OffsetDateTime.class)),
                        instant(rs.getObject(6, OffsetDateTime.class))}).single();
        assertThat(row[3]).as("%s anchored at its checkout", m.id).isEqualTo(m.anchor);
        assertThat(row[0]).as("%s status", m.id).isEqualTo(m.status);
        assertThat(row[1]).as("%s period", m.id).isEqualTo(m.period);
        assertThat(row[2]).as("%s cancelAtPeriodEnd", m.id).isEqualTo(m.cancelAtPeriodEnd);
        assertThat(row[4]).as("%s currentPeriodStart", m.id).isEqualTo(m.periodStart(m.period));
        assertThat(row[5]).as("%s currentPeriodEnd", m.id).isEqualTo(m.periodStart(m.period + 1));

        var invoices = jdbc.sql("""
                SELECT period_index, status, amount, attempts, period_start, period_end, transfer_id, payment_id
                FROM invoices WHERE subscription_id = :id ORDER BY period_index""").param("id", m.id)
                .query((rs, n) -> new Object[] {rs.getInt(1), rs.getString(2), rs.getLong(3), rs.getInt(4),
                        instant(rs.getObject(5, OffsetDateTime.class)), instant(rs.getObject(6, OffsetDateTime.class)),
                        rs.getString(7), rs.getString(8)}).list();
        assertThat(invoices.stream().map(i -> i[0] + ":" + i[1] + "/" + i[3]).toList())
                .as("%s invoices (period:status/attempts): one per period, none skipped", m.id)
                .isEqualTo(m.bills.stream().map(SubscriptionModel.Bill::toString).toList());
        var transfers = new HashSet<String>();
        for (var i : invoices) {
            int period = (int) i[0];
            assertThat(i[2]).as("%s invoice %d amount", m.id, period).isEqualTo(m.amount);
            assertThat(i[4]).as("%s invoice %d start", m.id, period).isEqualTo(m.periodStart(period));
            assertThat(i[5]).as("%s invoice %d end", m.id, period).isEqualTo(m.periodStart(period + 1));
            boolean paid = "paid".equals(i[1]);
            if (period == 0) {
                assertThat(i[7]).as("the first period is the checkout's payment").isNotNull();
            } else {
                assertThat(i[6] != null).as("%s invoice %d has a transfer iff paid", m.id, period).isEqualTo(paid);
                if (paid) {
                    assertThat(transfers.add((String) i[6])).as("each renewal its own transfer").isTrue();
                }
            }
        }
        long payments = jdbc.sql("""
                SELECT count(*) FROM transfers WHERE from_account_id = :account AND kind = 'payment'""")
                .param("account", m.accountId).query(Long.class).single();
        assertThat(payments).as("%s: one payment per paid period, no more", m.id)
                .isEqualTo(m.bills.stream().filter(b -> b.status.equals("paid")).count());
        assertThat(available(jdbc, m.accountId)).as("%s customer's balance", m.id).isEqualTo(m.balance);
    }

    static long available(JdbcClient jdbc, String accountId) {
        return jdbc.sql("SELECT ledger_balance - pending FROM accounts WHERE id = :id").param("id", accountId)
                .query(Long.class).single();
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
