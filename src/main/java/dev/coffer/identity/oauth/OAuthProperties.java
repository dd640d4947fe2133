package dev.coffer.identity.oauth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Lifetimes of what the OpenID Connect provider hands to apps ({@code coffer.oauth.*}): short, because an app's
 * token is a bearer credential outside Coffer's control. They apply to every app at once, also to apps registered
 * before a change ({@link ConfiguredLifetimes}).
 */
@ConfigurationProperties("coffer.oauth")
public record OAuthProperties(
        @DefaultValue("PT2M") Duration authorizationCodeTtl,
        @DefaultValue("PT5M") Duration accessTokenTtl,
        @DefaultValue("PT8H") Duration refreshTokenTtl) {

    public OAuthProperties {
        for (var ttl : new Duration[] {authorizationCodeTtl, accessTokenTtl, refreshTokenTtl}) {
            if (ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException("coffer.oauth lifetimes must be positive");
            }
        }
        if (refreshTokenTtl.compareTo(accessTokenTtl) < 0) {
            throw new IllegalArgumentException("coffer.oauth.refresh-token-ttl must be at least access-token-ttl");
        }
    }
}
