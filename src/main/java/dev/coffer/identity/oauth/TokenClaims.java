package dev.coffer.identity.oauth;

import dev.coffer.identity.Users;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * What goes into the tokens Coffer signs: every token names the key that signs it (the newest shared key, so nodes
 * agree and older keys can stay published), and the ID token carries the user's name and email for the scopes the
 * user granted; {@code /userinfo} answers from those same claims.
 */
@Component
class TokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    private final SigningKeys keys;
    private final Users users;

    TokenClaims(SigningKeys keys, Users users) {
        this.keys = keys;
        this.users = users;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        context.getJwsHeader().keyId(keys.signingKeyId());
        if (!OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
            return;
        }
        atHash(context).ifPresent(hash -> context.getClaims().claim("at_hash", hash));
        var scopes = context.getAuthorizedScopes();
        users.find(context.getPrincipal().getName()).ifPresent(user -> context.getClaims().claims(claims -> {
            if (scopes.contains(OidcScopes.PROFILE)) {
                claims.put("name", user.displayName());
            }
            if (scopes.contains(OidcScopes.EMAIL)) {
                claims.put("email", user.email());
                claims.put("email_verified", false);
            }
        }));
    }

    /**
     * OpenID Connect's {@code at_hash}: the left half of the SHA-256 of the access token issued with this ID token
     * (RS256), base64url. It binds the two, so an app can tell a swapped access token.
     */
    static Optional<String> atHash(JwtEncodingContext context) {
        var authorization = context.getAuthorization();
        if (authorization == null || authorization.getAccessToken() == null) {
            return Optional.empty();
        }
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(authorization.getAccessToken().getToken()
                    .getTokenValue().getBytes(StandardCharsets.US_ASCII));
            return Optional.of(Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(Arrays.copyOf(digest, digest.length / 2)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
