package dev.coffer.identity;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Identity settings ({@code coffer.identity.*}), with defaults from the contract and from Keycloak's brute-force
 * detection: 5 failures in 15 minutes lock an email for 5 minutes, doubling with each lockout up to 1 hour.
 */
@ConfigurationProperties("coffer.identity")
public record IdentityProperties(
        @DefaultValue("PT15M") Duration accessTokenTtl,
        @DefaultValue("P30D") Duration refreshTokenTtl,
        @DefaultValue("PT12H") Duration webSessionTtl,
        @DefaultValue("PT1M") Duration lastSeenResolution,
        @DefaultValue("5") int maxLoginFailures,
        @DefaultValue("PT15M") Duration failureWindow,
        @DefaultValue("PT5M") Duration firstLockout,
        @DefaultValue("PT1H") Duration maxLockout,
        @DefaultValue("P1D") Duration lockoutMemory,
        @DefaultValue("300") int loginsPerIpPerMinute,
        @DefaultValue("300") int registrationsPerIpPerMinute,
        @DefaultValue("0") int hashingThreads,
        @DefaultValue("256") int hashingQueue) {

    public IdentityProperties {
        if (maxLoginFailures < 1 || loginsPerIpPerMinute < 1 || registrationsPerIpPerMinute < 1) {
            throw new IllegalArgumentException("coffer.identity limits must be positive");
        }
        if (accessTokenTtl.isNegative() || accessTokenTtl.isZero() || refreshTokenTtl.compareTo(accessTokenTtl) < 0) {
            throw new IllegalArgumentException("coffer.identity token lifetimes: 0 < access-token-ttl <= refresh-token-ttl");
        }
    }

    /** Hashing threads: the configured number, or one per core. */
    public int effectiveHashingThreads() {
        return hashingThreads > 0 ? hashingThreads : Runtime.getRuntime().availableProcessors();
    }
}
