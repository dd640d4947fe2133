package dev.coffer.billing.subscription;

import dev.coffer.billing.Interval;
import dev.coffer.platform.Db;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of subscriptions and their invoices. */
@Repository
class SubscriptionRepository {

    private final JdbcClient jdbc;

    SubscriptionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Subscription s, String checkoutSessionId) {
        jdbc.sql("""
                INSERT INTO subscriptions (id, merchant_id, customer_id, customer_account_id, settlement_account_id,
                    price_id, checkout_session_id, product_name, amount, currency, every, interval_count, anchor_at,
                    period_index, current_period_start, current_period_end, status, created_at)
                VALUES (:id, :merchant, :customer, :account, :settlement, :price, :session, :name, :amount,
                    :currency, :every, :count, :anchor, :index, :start, :end, :status, :createdAt)""")
                .param("id", s.id()).param("merchant", s.merchantId()).param("customer", s.customerId())
                .param("account", s.customerAccountId()).param("settlement", s.settlementAccountId())
                .param("price", s.priceId()).param("session", checkoutSessionId).param("name", s.productName())
                .param("amount", s.amount()).param("currency", s.currency()).param("every", s.interval().word())
                .param("count", s.intervalCount()).param("anchor", Db.at(s.anchorAt()))
                .param("index", s.periodIndex()).param("start", Db.at(s.currentPeriodStart()))
                .param("end", Db.at(s.currentPeriodEnd())).param("status", s.status())
                .param("createdAt", Db.at(s.createdAt())).update();
    }

    Optional<Subscription> find(String id) {
        return jdbc.sql("SELECT * FROM subscriptions WHERE id = :id").param("id", id)
                .query(SubscriptionRepository::map).optional();
    }

    /** Locked until the end of the transaction: one node, one step of the subscription at a time. */
    Optional<Subscription> lock(String id) {
        return jdbc.sql("SELECT * FROM subscriptions WHERE id = :id FOR UPDATE").param("id", id)
                .query(SubscriptionRepository::map).optional();
    }

    List<Subscription> ofCustomer(String customerId) {
        return jdbc.sql("SELECT * FROM subscriptions WHERE customer_id = :id ORDER BY created_at DESC, id LIMIT 500")
                .param("id", customerId).query(SubscriptionRepository::map).list();
    }

    List<Subscription> ofMerchant(String merchantId) {
        return jdbc.sql("SELECT * FROM subscriptions WHERE merchant_id = :id ORDER BY created_at DESC, id LIMIT 500")
                .param("id", merchantId).query(SubscriptionRepository::map).list();
    }

    void update(Subscription s) {
        jdbc.sql("""
                UPDATE subscriptions SET period_index = :index, current_period_start = :start,
                    current_period_end = :end, status = :status, cancel_at_period_end = :cancelAtEnd,
                    canceled_at = :canceledAt
                WHERE id = :id""")
                .param("id", s.id()).param("index", s.periodIndex()).param("start", Db.at(s.currentPeriodStart()))
                .param("end", Db.at(s.currentPeriodEnd())).param("status", s.status())
                .param("cancelAtEnd", s.cancelAtPeriodEnd()).param("canceledAt", Db.at(s.canceledAt())).update();
    }

    /** Writes a new invoice: false when this period has one already (its key is subscription + period). */
    boolean insertInvoice(Invoice i) {
        return jdbc.sql("""
                INSERT INTO invoices (id, subscription_id, merchant_id, period_index, amount, currency, status,
                    period_start, period_end, attempts, transfer_id, payment_id, created_at, paid_at)
                VALUES (:id, :sub, :merchant, :index, :amount, :currency, :status, :start, :end, :attempts,
                    :transfer, :payment, :createdAt, :paidAt)
                ON CONFLICT (subscription_id, period_index) DO NOTHING""")
                .param("id", i.id()).param("sub", i.subscriptionId()).param("merchant", i.merchantId())
                .param("index", i.periodIndex()).param("amount", i.amount()).param("currency", i.currency())
                .param("status", i.status()).param("start", Db.at(i.periodStart())).param("end", Db.at(i.periodEnd()))
                .param("attempts", i.attempts()).param("transfer", i.transferId()).param("payment", i.paymentId())
                .param("createdAt", Db.at(i.createdAt())).param("paidAt", Db.at(i.paidAt())).update() == 1;
    }

    void updateInvoice(Invoice i) {
        jdbc.sql("""
                UPDATE invoices SET status = :status, attempts = :attempts, transfer_id = :transfer, paid_at = :paidAt
                WHERE id = :id""")
                .param("id", i.id()).param("status", i.status()).param("attempts", i.attempts())
                .param("transfer", i.transferId()).param("paidAt", Db.at(i.paidAt())).update();
    }

    Optional<Invoice> invoice(String subscriptionId, int periodIndex) {
        return jdbc.sql("SELECT * FROM invoices WHERE subscription_id = :sub AND period_index = :index")
                .param("sub", subscriptionId).param("index", periodIndex).query(SubscriptionRepository::mapInvoice)
                .optional();
    }

    List<Invoice> invoices(String subscriptionId) {
        return jdbc.sql("SELECT * FROM invoices WHERE subscription_id = :sub ORDER BY period_index DESC LIMIT 1000")
                .param("sub", subscriptionId).query(SubscriptionRepository::mapInvoice).list();
    }

    private static Subscription map(ResultSet rs, int row) throws SQLException {
        return new Subscription(rs.getString("id"), rs.getString("merchant_id"), rs.getString("customer_id"),
                rs.getString("customer_account_id"), rs.getString("settlement_account_id"), rs.getString("price_id"),
                rs.getString("product_name"), rs.getLong("amount"), rs.getString("currency"),
                Interval.fromWord(rs.getString("every")).orElseThrow(), rs.getInt("interval_count"),
                Db.instant(rs, "anchor_at"), rs.getInt("period_index"), Db.instant(rs, "current_period_start"),
                Db.instant(rs, "current_period_end"), rs.getString("status"), rs.getBoolean("cancel_at_period_end"),
                Db.instant(rs, "created_at"), Db.instant(rs, "canceled_at"));
    }

    private static Invoice mapInvoice(ResultSet rs, int row) throws SQLException {
        return new Invoice(rs.getString("id"), rs.getString("subscription_id"), rs.getString("merchant_id"),
                rs.getInt("period_index"), rs.getLong("amount"), rs.getString("currency"), rs.getString("status"),
                Db.instant(rs, "period_start"), Db.instant(rs, "period_end"), rs.getInt("attempts"),
                rs.getString("transfer_id"), rs.getString("payment_id"), Db.instant(rs, "created_at"),
                Db.instant(rs, "paid_at"));
    }

    static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
