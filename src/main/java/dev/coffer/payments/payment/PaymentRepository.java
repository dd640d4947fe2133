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

    java.util.List<Payment> recentForMerchant(String merchantId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payments WHERE merchant_id = :merchant ORDER BY created_at DESC, id LIMIT :limit")
                .param("merchant", merchantId).param("limit", limit).query(PaymentRepository::map).list();
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
