package dev.coffer.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.support.Api;
import dev.coffer.support.AppTokens;
import dev.coffer.support.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Token lifetimes come from {@code coffer.oauth.*}. The library judges a code's expiry by the system clock (not
 * Coffer's movable one), so this context configures a three-second code lifetime and really waits it out.
 */
@TestPropertySource(properties = {"coffer.oauth.authorization-code-ttl=PT3S", "coffer.oauth.access-token-ttl=PT7M"})
class OAuthLifetimesTest extends IntegrationTest {

    static final String REDIRECT = "http://localhost:9/callback";

    @Test
    void anExpiredCodeIsRefusedAndAFreshOneGivesTokensOfTheConfiguredLifetime() throws InterruptedException {
        var merchant = newUser("app-maker");
        grantRoles(merchant.id(), "customer", "merchant");
        var clientId = AppTokens.registerPublicClient(api, merchant.token(), REDIRECT, List.of("openid"));
        var user = newUser("slow");
        var flows = new AppTokens(port);

        var code = flows.authorize(user.token(), clientId, REDIRECT, List.of("openid"));
        Thread.sleep(3_500);
        var late = flows.exchange(code, clientId, REDIRECT);
        assertThat(late.statusCode()).as(late.body()).isEqualTo(400);
        assertThat(late.body()).contains("invalid_grant");

        // A code redeemed in time works: the refusal above was the lifetime. On a loaded machine a redirect and a
        // token call can take seconds, so a few tries are allowed.
        var fresh = flows.exchange(flows.authorize(user.token(), clientId, REDIRECT, List.of("openid")), clientId,
                REDIRECT);
        for (int tries = 1; fresh.statusCode() != 200 && tries < 5; tries++) {
            fresh = flows.exchange(flows.authorize(user.token(), clientId, REDIRECT, List.of("openid")), clientId,
                    REDIRECT);
        }
        assertThat(fresh.statusCode()).as(fresh.body()).isEqualTo(200);
        var expiresIn = Api.json().readTree(fresh.body()).path("expires_in").asLong();
        assertThat(expiresIn).isBetween(7 * 60L - 5, 7 * 60L);
    }
}
