package dev.coffer.identity.oauth;

import dev.coffer.identity.Users;
import dev.coffer.platform.BearerAuthenticator;
import dev.coffer.platform.CofferPrincipal;
import java.time.Clock;
import java.util.Optional;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.stereotype.Component;

/**
 * Apps' access tokens on Coffer's own API: a JWT signed by one of the shared keys, not expired, and still backed by a
 * live authorization in PostgreSQL (so revoking a connected app, or the token, stops it at once on every node). The
 * caller is the consenting user with {@link CofferPrincipal.Kind#OAUTH} and the granted scopes; which operations
 * take it is each one's {@code @Accepts}.
 */
@Component
class AppTokenAuthenticator implements BearerAuthenticator {

    private final NimbusJwtDecoder decoder;
    private final OAuth2AuthorizationService authorizations;
    private final Users users;

    AppTokenAuthenticator(SigningKeys keys, OAuth2AuthorizationService authorizations, Users users, Clock clock) {
        this.decoder = NimbusJwtDecoder.withJwkSource(keys).build();
        var timestamps = new JwtTimestampValidator();
        timestamps.setClock(clock);
        this.decoder.setJwtValidator(timestamps);
        this.authorizations = authorizations;
        this.users = users;
    }

    /** A JWT: a base64url JSON header, so it begins {@code eyJ}; Coffer's own tokens carry their own prefixes. */
    @Override
    public boolean claims(String token) {
        return token.startsWith("eyJ");
    }

    @Override
    public Optional<CofferPrincipal> authenticate(String token) {
        try {
            var jwt = decoder.decode(token);
            var authorization = authorizations.findByToken(token, OAuth2TokenType.ACCESS_TOKEN);
            if (authorization == null || authorization.getAccessToken() == null
                    || !authorization.getAccessToken().isActive()
                    || !authorization.getPrincipalName().equals(jwt.getSubject())) {
                return Optional.empty();
            }
            var scopes = authorization.getAccessToken().getToken().getScopes();
            return users.find(jwt.getSubject()).map(user -> new CofferPrincipal(CofferPrincipal.Kind.OAUTH,
                    user.id(), user.roles(), authorization.getId(), scopes));
        } catch (JwtException e) {
            return Optional.empty();
        }
    }
}
