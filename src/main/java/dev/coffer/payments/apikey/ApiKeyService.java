package dev.coffer.payments.apikey;

import dev.coffer.payments.PaymentsAudit;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.Ids;
import dev.coffer.platform.Role;
import jakarta.annotation.Nullable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Merchants' secret API keys: {@code sk_} and 260 random bits, shown once, stored as SHA-256 only, named and
 * revocable. Only a user with role merchant, logged in as themselves, can make or revoke them.
 */
@Service
public class ApiKeyService {

    public static final String PREFIX = "sk_";
    static final int RANDOM_CHARS = 52;
    static final int MAX_KEYS_PER_MERCHANT = 20;

    private final ApiKeyRepository keys;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ApiKeyService(ApiKeyRepository keys, ApplicationEventPublisher events, Clock clock) {
        this.keys = keys;
        this.events = events;
        this.clock = clock;
    }

    public record CreatedKey(String id, String name, String secret, Instant createdAt) {
    }

    public record KeyView(String id, String name, String hint, Instant createdAt, @Nullable Instant lastUsedAt) {
    }

    @Transactional
    public CreatedKey create(CofferPrincipal principal, String name) {
        var merchantId = requireMerchantUser(principal);
        if (keys.countActive(merchantId) >= MAX_KEYS_PER_MERCHANT) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "too_many_api_keys",
                    "A merchant may hold at most " + MAX_KEYS_PER_MERCHANT + " active keys; revoke one first");
        }
        var secret = PREFIX + Ids.randomToken(RANDOM_CHARS);
        var id = Ids.newId("key");
        var now = clock.instant();
        keys.insert(id, merchantId, name, sha256(secret), hint(secret), now);
        events.publishEvent(new PaymentsAudit("api_key.created", merchantId, id));
        return new CreatedKey(id, name, secret, now);
    }

    public List<KeyView> list(CofferPrincipal principal) {
        return keys.findActiveByMerchant(requireMerchantUser(principal)).stream()
                .map(k -> new KeyView(k.id(), k.name(), k.hint(), k.createdAt(), k.lastUsedAt())).toList();
    }

    @Transactional
    public void revoke(CofferPrincipal principal, String keyId) {
        var merchantId = requireMerchantUser(principal);
        if (!keys.revoke(merchantId, keyId, clock.instant())) {
            throw ApiException.notFound("API key");
        }
        events.publishEvent(new PaymentsAudit("api_key.revoked", merchantId, keyId));
    }

    /** Keys are managed by the merchant in person (a session), never by another key. */
    private static String requireMerchantUser(CofferPrincipal principal) {
        principal.requireSession();
        if (!principal.has(Role.MERCHANT)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "Only merchants can manage API keys");
        }
        return principal.userId();
    }

    static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hint(String secret) {
        return secret.substring(0, PREFIX.length() + 4) + "…" + secret.substring(secret.length() - 4);
    }
}
