package dev.coffer.payments.apikey;

import dev.coffer.platform.Db;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code api_keys}. */
@Repository
class ApiKeyRepository {

    private final JdbcClient jdbc;

    ApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record ApiKey(String id, String merchantId, String name, String hint, Instant createdAt, Instant lastUsedAt) {
    }

    void insert(String id, String merchantId, String name, byte[] secretHash, String hint, Instant now) {
        jdbc.sql("""
                        INSERT INTO api_keys (id, merchant_id, name, secret_hash, secret_hint, created_at)
                        VALUES (:id, :merchant, :name, :hash, :hint, :now)
                        """)
                .param("id", id).param("merchant", merchantId).param("name", name).param("hash", secretHash)
                .param("hint", hint).param("now", Db.at(now))
                .update();
    }

    Optional<ApiKey> findActiveBySecret(byte[] secretHash) {
        return jdbc.sql("""
                        SELECT id, merchant_id, name, secret_hint, created_at, last_used_at FROM api_keys
                        WHERE secret_hash = :hash AND revoked_at IS NULL
                        """)
                .param("hash", secretHash).query(ApiKeyRepository::map).optional();
    }

    List<ApiKey> findActiveByMerchant(String merchantId) {
        return jdbc.sql("""
                        SELECT id, merchant_id, name, secret_hint, created_at, last_used_at FROM api_keys
                        WHERE merchant_id = :merchant AND revoked_at IS NULL ORDER BY created_at, id LIMIT 100
                        """)
                .param("merchant", merchantId).query(ApiKeyRepository::map).list();
    }

    int countActive(String merchantId) {
        return jdbc.sql("SELECT count(*) FROM api_keys WHERE merchant_id = :merchant AND revoked_at IS NULL")
                .param("merchant", merchantId).query(Integer.class).single();
    }

    boolean revoke(String merchantId, String id, Instant now) {
        return jdbc.sql("""
                        UPDATE api_keys SET revoked_at = :now
                        WHERE id = :id AND merchant_id = :merchant AND revoked_at IS NULL
                        """)
                .param("now", Db.at(now)).param("id", id).param("merchant", merchantId).update() == 1;
    }

    void touch(String id, Instant now, Instant olderThan) {
        jdbc.sql("""
                        UPDATE api_keys SET last_used_at = :now
                        WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :olderThan)
                        """)
                .param("now", Db.at(now)).param("id", id).param("olderThan", Db.at(olderThan)).update();
    }

    private static ApiKey map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new ApiKey(rs.getString("id"), rs.getString("merchant_id"), rs.getString("name"),
                rs.getString("secret_hint"), Db.instant(rs, "created_at"), Db.instant(rs, "last_used_at"));
    }
}
