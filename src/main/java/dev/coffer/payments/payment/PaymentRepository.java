package dev.coffer.payments.payment;

import dev.coffer.platform.CurrencyCode;
import dev.coffer.platform.Db;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code payments} and {@code refunds}. */
@Repository
class PaymentRepository {

    private static final String COLUMNS = """
            id, checkout_session_id, merchant_id, payer_id, payer_account_id, settlement_account_id, status,
            capture_method, currency, amount, amount_captured, amount_refunded, hold_id, capture_before,
            cancellation_reason, created_at, updated_at""";

    private final JdbcClient jdbc;

    PaymentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Payment p) {
        jdbc.sql("""
                        INSERT INTO payments (id, checkout_session_id, merchant_id, payer_id, payer_account_id,
                            settlement_account_id, status, capture_method, currency, amount, amount_captured,
                            hold_id, capture_before, created_at, updated_at)
                        VALUES (:id, :session, :merchant, :payer, :payerAccount, :settlement, :status, :capture,
                            :currency, :amount, :captured, :hold, :captureBefore, :now, :now)
                        """)
                .param("id", p.id()).param("session", p.checkoutSessionId()).param("merchant", p.merchantId())
                .param("payer", p.payerId()).param("payerAccount", p.payerAccountId())
                .param("settlement", p.settlementAccountId()).param("status", p.status())
                .param("capture", p.captureMethod()).param("currency", p.currency().code())
                .param("amount", p.amount()).param("captured", p.amountCaptured()).param("hold", p.holdId())
                .param("captureBefore", Db.at(p.captureBefore())).param("now", Db.at(p.createdAt()))
                .update();
    }

    /** Writes the mutable part of a payment: status, captured, refunded, cancellation reason. */
    void update(Payment p) {
        jdbc.sql("""
                        UPDATE payments SET status = :status, amount_captured = :captured, amount_refunded = :refunded,
                            cancellation_reason = :reason, updated_at = :now
                        WHERE id = :id
                        """)
                .param("status", p.status()).param("captured", p.amountCaptured())
                .param("refunded", p.amountRefunded()).param("reason", p.cancellationReason())
                .param("now", Db.at(p.updatedAt())).param("id", p.id())
                .update();
    }

    Optional<Payment> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payments WHERE id = :id")
                .param("id", id).query(PaymentRepository::map).optional();
    }

    Optional<Payment> findForUpdate(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payments WHERE id = :id FOR UPDATE")
                .param("id", id).query(PaymentRepository::map).optional();
    }

    Optional<Payment> findByHoldForUpdate(String holdId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payments WHERE hold_id = :hold FOR UPDATE")
                .param("hold", holdId).query(PaymentRepository::map).optional();
    }

    /**
     * One page of a merchant's payments, newest first, from the keyset {@code (before, beforeId)} on, within
     * {@code [from, to)}: an index range scan on (merchant_id, created_at, id), cut at the limit (EXPLAIN-tested).
     */
    static final String PAGE = "SELECT " + COLUMNS + """
             FROM payments
            WHERE merchant_id = :merchant AND created_at >= :from AND created_at < :to
              AND (created_at, id) < (:before, :beforeId)
            ORDER BY created_at DESC, id DESC LIMIT :limit""";

    /** {@link #PAGE} for one status, on (merchant_id, status, created_at, id). */
    static final String PAGE_OF_STATUS = "SELECT " + COLUMNS + """
             FROM payments
            WHERE merchant_id = :merchant AND status = :status AND created_at >= :from AND created_at < :to
              AND (created_at, id) < (:before, :beforeId)
            ORDER BY created_at DESC, id DESC LIMIT :limit""";

    java.util.List<Payment> pageForMerchant(String merchantId, PaymentQuery query, int limit) {
        var statement = jdbc.sql(query.status() == null ? PAGE : PAGE_OF_STATUS)
                .param("merchant", merchantId).param("from", Db.at(query.from())).param("to", Db.at(query.to()))
                .param("before", Db.at(query.before())).param("beforeId", query.beforeId()).param("limit", limit);
        if (query.status() != null) {
            statement = statement.param("status", query.status());
        }
        return statement.query(PaymentRepository::map).list();
    }

    void insertRefund(String id, String paymentId, long amount, String transferId, Instant now) {
        jdbc.sql("""
                        INSERT INTO refunds (id, payment_id, amount, transfer_id, created_at)
                        VALUES (:id, :payment, :amount, :transfer, :now)
                        """)
                .param("id", id).param("payment", paymentId).param("amount", amount).param("transfer", transferId)
                .param("now", Db.at(now))
                .update();
    }

    private static Payment map(ResultSet rs, int row) throws SQLException {
        return new Payment(rs.getString("id"), rs.getString("checkout_session_id"), rs.getString("merchant_id"),
                rs.getString("payer_id"), rs.getString("payer_account_id"), rs.getString("settlement_account_id"),
                rs.getString("status"), rs.getString("capture_method"), CurrencyCode.of(rs.getString("currency")),
                rs.getLong("amount"), rs.getLong("amount_captured"), rs.getLong("amount_refunded"),
                rs.getString("hold_id"), Db.instant(rs, "capture_before"), rs.getString("cancellation_reason"),
                Db.instant(rs, "created_at"), Db.instant(rs, "updated_at"));
    }
}
