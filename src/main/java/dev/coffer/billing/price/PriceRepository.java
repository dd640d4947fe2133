package dev.coffer.billing.price;

import dev.coffer.billing.Interval;
import dev.coffer.payments.RecurringPrices;
import dev.coffer.platform.Db;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of prices; also how checkout finds a subscription session's price. */
@Repository
class PriceRepository implements RecurringPrices {

    private final JdbcClient jdbc;

    PriceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Price price) {
        jdbc.sql("""
                INSERT INTO prices (id, merchant_id, product_name, amount, currency, every, interval_count, created_at)
                VALUES (:id, :merchant, :name, :amount, :currency, :every, :count, :createdAt)""")
                .param("id", price.id()).param("merchant", price.merchantId()).param("name", price.productName())
                .param("amount", price.amount()).param("currency", price.currency())
                .param("every", price.interval().word()).param("count", price.intervalCount())
                .param("createdAt", Db.at(price.createdAt())).update();
    }

    Optional<Price> of(String merchantId, String id) {
        return jdbc.sql("SELECT * FROM prices WHERE id = :id AND merchant_id = :merchant")
                .param("id", id).param("merchant", merchantId)
                .query((rs, row) -> new Price(rs.getString("id"), rs.getString("merchant_id"),
                        rs.getString("product_name"), rs.getLong("amount"), rs.getString("currency"),
                        Interval.fromWord(rs.getString("every")).orElseThrow(), rs.getInt("interval_count"),
                        Db.instant(rs, "created_at")))
                .optional();
    }

    @Override
    public Optional<RecurringPrice> find(String merchantId, String priceId) {
        return of(merchantId, priceId).map(p -> new RecurringPrice(p.id(), p.productName(), p.amount(), p.currency(),
                p.interval().word(), p.intervalCount()));
    }
}
