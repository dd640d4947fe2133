package dev.coffer.identity.passkey;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.web.webauthn.jackson.WebauthnJacksonModule;
import org.springframework.security.web.webauthn.management.JdbcPublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.JdbcUserCredentialRepository;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring Security's WebAuthn pieces, wired by hand rather than with {@code http.webAuthn()}: its filters keep the
 * ceremony in the HTTP session (Coffer's nodes keep none: {@link Ceremonies}), take one fixed origin (Coffer's is
 * the request's unless {@code coffer.public-url} is set: {@link RelyingParty}), and end in a Spring Security login
 * (Coffer's login is its own session cookie, devices and audit: {@code LoginService.passkeyLogin}). The
 * verification itself, the JDBC stores and the JSON forms are the library's.
 */
@Configuration(proxyBeanMethods = false)
class PasskeyConfig {

    @Bean
    PublicKeyCredentialUserEntityRepository passkeyUserEntities(JdbcTemplate jdbc) {
        return new JdbcPublicKeyCredentialUserEntityRepository(jdbc);
    }

    @Bean
    UserCredentialRepository passkeyCredentials(JdbcTemplate jdbc, Clock clock) {
        return new CheckedCredentials(new JdbcUserCredentialRepository(jdbc), clock);
    }

    /** Reads and writes WebAuthn's JSON (base64url bytes, the credential and options shapes) as the library does. */
    @Bean
    PasskeyJson passkeyJson() {
        return new PasskeyJson(JsonMapper.builder().addModule(new WebauthnJacksonModule()).build());
    }
}
