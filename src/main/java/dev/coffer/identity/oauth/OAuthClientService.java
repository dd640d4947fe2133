package dev.coffer.identity.oauth;

import dev.coffer.identity.OAuthApps;
import dev.coffer.identity.OAuthEvent;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.Db;
import dev.coffer.platform.Ids;
import dev.coffer.platform.Role;
import jakarta.annotation.Nullable;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Merchants register the apps that offer "Log in with Coffer". A client is the library's {@link RegisteredClient}
 * (stored by its JDBC repository) plus who owns it. Confidential clients get a secret, shown once and stored only
 * as a hash; public clients (apps in a browser or on a phone) get none and must use PKCE (S256). Every client asks
 * for consent, gets rotating refresh tokens and short-lived access tokens.
 */
@Service
public class OAuthClientService implements OAuthApps {

    /** The scopes Coffer knows, in the words the consent page uses. */
    public static final List<String> SCOPES = List.of("openid", "profile", "email", "accounts:read");
    static final int MAX_CLIENTS_PER_MERCHANT = 25;

    public record ClientView(String clientId, String name, List<String> redirectUris, List<String> scopes,
            boolean isPublic, Instant createdAt) {
    }

    public record CreatedClient(String clientId, @Nullable String clientSecret, String name,
            List<String> redirectUris, List<String> scopes, boolean isPublic, Instant createdAt) {
    }

    private final RegisteredClientRepository clients;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final PasswordEncoder secrets = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    private final OAuthProperties properties;

    OAuthClientService(RegisteredClientRepository clients, JdbcClient jdbc, ApplicationEventPublisher events,
            Clock clock, OAuthProperties properties) {
        this.properties = properties;
        this.clients = clients;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public CreatedClient register(CofferPrincipal merchant, String name, List<String> redirectUris,
            List<String> scopes, boolean isPublic) {
        merchant.require(Role.MERCHANT);
        var problems = new ArrayList<String>();
        redirectUris.forEach(uri -> RedirectUriRules.problem(uri).ifPresent(p -> problems.add(uri + " " + p)));
        if (!problems.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid_redirect_uri", String.join("; ", problems));
        }
        var unknown = scopes.stream().filter(s -> !SCOPES.contains(s)).toList();
        if (!unknown.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid_scope",
                    "Unknown scopes " + unknown + "; Coffer offers " + SCOPES);
        }
        lockOwner(merchant.userId());
        if (count(merchant.userId()) >= MAX_CLIENTS_PER_MERCHANT) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "too_many_clients",
                    "A merchant may register at most " + MAX_CLIENTS_PER_MERCHANT + " apps");
        }
        var now = clock.instant();
        var clientId = Ids.newId("cli");
        var secret = isPublic ? null : "cs_" + Ids.randomToken(40);
        var builder = RegisteredClient.withId(UUID.randomUUID().toString()).clientId(clientId)
                .clientIdIssuedAt(now).clientName(name)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUris(uris -> uris.addAll(redirectUris))
                .postLogoutRedirectUris(uris -> uris.addAll(redirectUris))
                .scopes(s -> s.addAll(scopes))
                .clientSettings(ClientSettings.builder().requireProofKey(isPublic).requireAuthorizationConsent(true)
                        .build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(properties.accessTokenTtl())
                        .refreshTokenTimeToLive(properties.refreshTokenTtl())
                        .authorizationCodeTimeToLive(properties.authorizationCodeTtl())
                        .reuseRefreshTokens(false).build());
        if (isPublic) {
            builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
        } else {
            builder.clientSecret(secrets.encode(secret))
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST);
        }
        clients.save(builder.build());
        jdbc.sql("INSERT INTO oauth_client_owners (client_id, owner_user_id, created_at) VALUES (:id, :owner, :now)")
                .param("id", clientId).param("owner", merchant.userId()).param("now", Db.at(now)).update();
        events.publishEvent(new OAuthEvent("oauth.client_registered", merchant.userId(), clientId));
        return new CreatedClient(clientId, secret, name, List.copyOf(redirectUris), List.copyOf(scopes), isPublic,
                now);
    }

    @Transactional(readOnly = true)
    public List<ClientView> list(CofferPrincipal merchant) {
        merchant.require(Role.MERCHANT);
        return jdbc.sql("""
                SELECT o.client_id, o.created_at FROM oauth_client_owners o
                WHERE o.owner_user_id = :owner ORDER BY o.created_at DESC, o.client_id
                """).param("owner", merchant.userId())
                .query((rs, n) -> view(rs.getString("client_id"), Db.instant(rs, "created_at"))).list();
    }

    /** Deletes the client with everything it was granted: its tokens stop working at once. */
    @Transactional
    public void delete(CofferPrincipal merchant, String clientId) {
        merchant.require(Role.MERCHANT);
        var owned = jdbc.sql("SELECT 1 FROM oauth_client_owners WHERE client_id = :id AND owner_user_id = :owner")
                .param("id", clientId).param("owner", merchant.userId()).query(Integer.class).optional();
        var client = clients.findByClientId(clientId);
        if (owned.isEmpty() || client == null) {
            throw new ApiException(HttpStatus.NOT_FOUND, "not_found", "No app of yours has this client id");
        }
        jdbc.sql("DELETE FROM oauth2_authorization WHERE registered_client_id = :id").param("id", client.getId())
                .update();
        jdbc.sql("DELETE FROM oauth2_authorization_consent WHERE registered_client_id = :id")
                .param("id", client.getId()).update();
        jdbc.sql("DELETE FROM oauth2_registered_client WHERE id = :id").param("id", client.getId()).update();
        events.publishEvent(new OAuthEvent("oauth.client_deleted", merchant.userId(), clientId));
    }

    @Override
    @Transactional(readOnly = true)
    public List<App> apps(CofferPrincipal merchant) {
        return list(merchant).stream().map(c -> new App(c.clientId(), c.name(), c.redirectUris(), c.scopes(),
                c.isPublic())).toList();
    }

    @Override
    @Transactional
    public Registered registerApp(CofferPrincipal merchant, String name, List<String> redirectUris,
            List<String> scopes, boolean isPublic) {
        var created = register(merchant, name, redirectUris, scopes, isPublic);
        return new Registered(created.clientId(), created.clientSecret());
    }

    @Override
    @Transactional
    public void deleteApp(CofferPrincipal merchant, String clientId) {
        delete(merchant, clientId);
    }

    private ClientView view(String clientId, Instant createdAt) {
        var client = clients.findByClientId(clientId);
        boolean isPublic = client.getClientAuthenticationMethods().equals(Set.of(ClientAuthenticationMethod.NONE));
        return new ClientView(clientId, client.getClientName(), List.copyOf(client.getRedirectUris()),
                SCOPES.stream().filter(client.getScopes()::contains).toList(), isPublic, createdAt);
    }

    private void lockOwner(String owner) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('oauth-clients:' || :owner))").param("owner", owner)
                .query(Object.class).list();
    }

    private int count(String owner) {
        return jdbc.sql("SELECT count(*) FROM oauth_client_owners WHERE owner_user_id = :owner")
                .param("owner", owner).query(Integer.class).single();
    }
}
