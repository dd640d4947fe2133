package dev.coffer.payments.apikey;

import dev.coffer.identity.Users;
import dev.coffer.platform.BearerAuthenticator;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.Role;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Authenticates {@code sk_…} API keys: a key works while it is not revoked and its owner still has the merchant
 * role. {@code last_used_at} is written at most once a minute per key.
 */
@Component
class ApiKeyAuthenticator implements BearerAuthenticator {

    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private final ApiKeyRepository keys;
    private final Users users;
    private final Clock clock;

    ApiKeyAuthenticator(ApiKeyRepository keys, Users users, Clock clock) {
        this.keys = keys;
        this.users = users;
        this.clock = clock;
    }

    @Override
    public boolean claims(String token) {
        return token.startsWith(ApiKeyService.PREFIX);
    }

    @Override
    public Optional<CofferPrincipal> authenticate(String token) {
        var key = keys.findActiveBySecret(ApiKeyService.sha256(token));
        var merchant = key.flatMap(k -> users.find(k.merchantId())).filter(u -> u.roles().contains(Role.MERCHANT));
        if (merchant.isEmpty()) {
            return Optional.empty();
        }
        var now = clock.instant();
        var staleBefore = now.minus(LAST_USED_RESOLUTION);
        if (key.get().lastUsedAt() == null || key.get().lastUsedAt().isBefore(staleBefore)) {
            keys.touch(key.get().id(), now, staleBefore);
        }
        return Optional.of(new CofferPrincipal(CofferPrincipal.Kind.API_KEY, merchant.get().id(),
                merchant.get().roles(), key.get().id()));
    }
}
