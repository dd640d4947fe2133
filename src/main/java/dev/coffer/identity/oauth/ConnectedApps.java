package dev.coffer.identity.oauth;

import dev.coffer.platform.ApiException;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The apps a user let in (their consents), for the security page. Revoking one removes the consent and every
 * authorization the app holds for the user: its access and refresh tokens stop working at once, on every node
 * (apps' tokens are checked against their authorization on each call).
 */
@Service
public class ConnectedApps {

    public record ConnectedApp(String clientId, String name, List<String> scopes) {
    }

    private final JdbcClient jdbc;
    private final RegisteredClientRepository clients;
    private final OAuth2AuthorizationConsentService consents;

    ConnectedApps(JdbcClient jdbc, RegisteredClientRepository clients, OAuth2AuthorizationConsentService consents) {
        this.jdbc = jdbc;
        this.clients = clients;
        this.consents = consents;
    }

    @Transactional(readOnly = true)
    public List<ConnectedApp> list(String userId) {
        return jdbc.sql("""
                SELECT c.client_id, c.client_name, k.authorities FROM oauth2_authorization_consent k
                JOIN oauth2_registered_client c ON c.id = k.registered_client_id
                WHERE k.principal_name = :user ORDER BY c.client_name, c.client_id
                """).param("user", userId).query((rs, n) -> new ConnectedApp(rs.getString("client_id"),
                        rs.getString("client_name"), scopes(rs.getString("authorities")))).list();
    }

    @Transactional
    public void revoke(String userId, String clientId) {
        var client = clients.findByClientId(clientId);
        var consent = client == null ? null : consents.findById(client.getId(), userId);
        if (consent == null) {
            throw new ApiException(HttpStatus.NOT_FOUND, "not_found", "No connected app has this id");
        }
        jdbc.sql("DELETE FROM oauth2_authorization WHERE registered_client_id = :client AND principal_name = :user")
                .param("client", client.getId()).param("user", userId).update();
        consents.remove(consent);
    }

    /**
     * Ends every app's tokens for the user at once (an admin locked them): their authorizations go, their consents
     * stay, so after an unlock the apps ask for new tokens without asking the user again. Returns how many went.
     */
    @Transactional
    public int revokeAllTokens(String userId) {
        return jdbc.sql("DELETE FROM oauth2_authorization WHERE principal_name = :user").param("user", userId)
                .update();
    }

    /** The library stores granted scopes as authorities {@code SCOPE_<scope>}. */
    private static List<String> scopes(String authorities) {
        return Arrays.stream(authorities.split(",")).map(String::strip)
                .map(a -> a.startsWith("SCOPE_") ? a.substring("SCOPE_".length()) : a)
                .filter(OAuthClientService.SCOPES::contains)
                .sorted((a, b) -> OAuthClientService.SCOPES.indexOf(a) - OAuthClientService.SCOPES.indexOf(b))
                .toList();
    }
}
