package dev.coffer.payments.checkout;

import dev.coffer.payments.CheckoutSessionView.LineItem;
import dev.coffer.platform.CurrencyCode;
import dev.coffer.platform.Db;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL for {@code checkout_sessions}. */
@Repository
public class CheckoutRepository {

    private static final String COLUMNS = """
            id, merchant_id, status, currency, amount, capture_method, settlement_account_id, success_url,
            line_items::text AS line_items, metadata::text AS metadata, payment_id, created_at, expires_at,
            completed_at, mode, price_id, recurring_interval, recurring_interval_count""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    CheckoutRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(CheckoutSession s) {
        jdbc.sql("""
                        INSERT INTO checkout_sessions (id, merchant_id, status, currency, amount, capture_method,
                            settlement_account_id, success_url, line_items, metadata, created_at, expires_at, mode,
                            price_id, recurring_interval, recurring_interval_count)
                        VALUES (:id, :merchant, 'open', :currency, :amount, :capture, :settlement, :successUrl,
                            :items::jsonb, :metadata::jsonb, :createdAt, :expiresAt, :mode, :priceId, :interval,
                            :intervalCount)
                        """)
                .param("id", s.id()).param("merchant", s.merchantId()).param("currency", s.currency().code())
                .param("amount", s.amount()).param("capture", s.captureMethod())
                .param("settlement", s.settlementAccountId()).param("successUrl", s.successUrl())
                .param("items", json.writeValueAsString(s.lineItems()))
                .param("metadata", json.writeValueAsString(s.metadata()))
                .param("createdAt", Db.at(s.createdAt())).param("expiresAt", Db.at(s.expiresAt()))
                .param("mode", s.mode()).param("priceId", s.priceId()).param("interval", s.recurringInterval())
                .param("intervalCount", s.recurringIntervalCount())
                .update();
    }

    public Optional<CheckoutSession> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM checkout_sessions WHERE id = :id")
                .param("id", id).query(this::map).optional();
    }

    /** Locks the session until the end of the transaction: paying it twice is serialized here. */
    public Optional<CheckoutSession> findForUpdate(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM checkout_sessions WHERE id = :id FOR UPDATE")
                .param("id", id).query(this::map).optional();
    }

    public void complete(String id, String paymentId, Instant now) {
        jdbc.sql("""
                        UPDATE checkout_sessions SET status = 'complete', payment_id = :payment, completed_at = :now
                        WHERE id = :id AND status = 'open'
                        """)
                .param("payment", paymentId).param("now", Db.at(now)).param("id", id).update();
    }

    int expireOpenBefore(Instant now) {
        return jdbc.sql("UPDATE checkout_sessions SET status = 'expired' WHERE status = 'open' AND expires_at <= :now")
                .param("now", Db.at(now)).update();
    }

    private CheckoutSession map(ResultSet rs, int row) throws SQLException {
        return new CheckoutSession(rs.getString("id"), rs.getString("merchant_id"), rs.getString("status"),
                CurrencyCode.of(rs.getString("currency")), rs.getLong("amount"), rs.getString("capture_method"),
                rs.getString("settlement_account_id"), rs.getString("success_url"),
                Arrays.asList(json.readValue(rs.getString("line_items"), LineItem[].class)),
                json.readValue(rs.getString("metadata"), new TypeReference<LinkedHashMap<String, String>>() {
                }), rs.getString("payment_id"), Db.instant(rs, "created_at"), Db.instant(rs, "expires_at"),
                Db.instant(rs, "completed_at"), rs.getString("mode"), rs.getString("price_id"),
                rs.getString("recurring_interval"), rs.getObject("recurring_interval_count", Integer.class));
    }
}
