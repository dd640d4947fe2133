package dev.coffer.identity.oauth;

import jakarta.annotation.Nullable;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The library's client store, with each client's token lifetimes taken from {@code coffer.oauth.*} when it is read:
 * the library keeps them per client (in the stored row), so without this a changed setting would reach only apps
 * registered afterwards.
 */
class ConfiguredLifetimes implements RegisteredClientRepository {

    private final RegisteredClientRepository stored;
    private final OAuthProperties properties;

    ConfiguredLifetimes(RegisteredClientRepository stored, OAuthProperties properties) {
        this.stored = stored;
        this.properties = properties;
    }

    @Override
    public void save(RegisteredClient client) {
        stored.save(client);
    }

    @Override
    public @Nullable RegisteredClient findById(String id) {
        return withLifetimes(stored.findById(id));
    }

    @Override
    public @Nullable RegisteredClient findByClientId(String clientId) {
        return withLifetimes(stored.findByClientId(clientId));
    }

    private @Nullable RegisteredClient withLifetimes(@Nullable RegisteredClient client) {
        if (client == null) {
            return null;
        }
        return RegisteredClient.from(client).tokenSettings(lifetimes(client.getTokenSettings())).build();
    }

    TokenSettings lifetimes(TokenSettings settings) {
        return TokenSettings.withSettings(settings.getSettings())
                .authorizationCodeTimeToLive(properties.authorizationCodeTtl())
                .accessTokenTimeToLive(properties.accessTokenTtl())
                .refreshTokenTimeToLive(properties.refreshTokenTtl())
                .build();
    }
}
