package dev.coffer.identity.oauth;

import dev.coffer.platform.BearerAuthenticator;
import dev.coffer.platform.SiteProperties;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * "Log in with Coffer": Spring Authorization Server as an OpenID Connect provider. Its own filter chain (order 0)
 * matches only the library's endpoints (discovery, authorize, token, JWKS, userinfo, revocation, introspection,
 * logout), so the API's and the pages' chains (platform.security) keep their behaviour. Clients, authorizations and
 * consents live in PostgreSQL through the library's JDBC services, signing keys in {@link SigningKeys}: any node can
 * finish a flow another node began. The login is Coffer's {@code /login} (the session cookie, see
 * {@link CookieLoginFilter}); the consent page is Coffer's {@code /oauth/consent}.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfig {

    static final String CONSENT_PAGE = "/oauth/consent";
    static final String AUTHORIZE = "/oauth2/authorize";

    @Bean
    @Order(0)
    @ConditionalOnWebApplication
    SecurityFilterChain authorizationServerChain(HttpSecurity http, List<BearerAuthenticator> authenticators,
            OidcLogoutResponse logoutResponse, LoginTimes loginTimes) throws Exception {
        var server = new OAuth2AuthorizationServerConfigurer();
        http.securityMatcher(server.getEndpointsMatcher())
                .with(server, as -> as
                        .authorizationEndpoint(endpoint -> endpoint.consentPage(CONSENT_PAGE))
                        .oidc(oidc -> oidc.logoutEndpoint(logout -> logout.logoutResponseHandler(logoutResponse))))
                .csrf(AbstractHttpConfigurer::disable) // token, revocation and logout take no cookie-bound forms
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                // before the library's endpoint filters, which run ahead of the usual authentication filters
                .addFilterAfter(new CookieLoginFilter(authenticators, loginTimes), SecurityContextHolderFilter.class)
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> {
                    if (!request.getRequestURI().equals(AUTHORIZE)) { // an app's call without a valid credential
                        response.setStatus(401);
                        response.setContentType("application/json");
                        response.getWriter().write("{\"error\":\"invalid_client\"}");
                        return;
                    }
                    var target = request.getRequestURI()
                            + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
                    response.sendRedirect("/login?next=" + URLEncoder.encode(target, StandardCharsets.UTF_8));
                }))
                .headers(h -> h
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.NO_REFERRER)));
        return http.build();
    }

    /** The issuer is {@code coffer.public-url} when set; otherwise the library takes each request's base URL. */
    @Bean
    AuthorizationServerSettings authorizationServerSettings(SiteProperties site) {
        var builder = AuthorizationServerSettings.builder();
        var publicUrl = site.publicUrl().strip();
        if (!publicUrl.isEmpty()) {
            builder.issuer(publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl);
        }
        return builder.build();
    }

    @Bean
    RegisteredClientRepository registeredClientRepository(JdbcOperations jdbc, OAuthProperties lifetimes) {
        return new ConfiguredLifetimes(new JdbcRegisteredClientRepository(jdbc), lifetimes);
    }

    @Bean
    OAuth2AuthorizationService authorizationService(JdbcOperations jdbc, RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationService(jdbc, clients);
    }

    @Bean
    OAuth2AuthorizationConsentService authorizationConsentService(JdbcOperations jdbc,
            RegisteredClientRepository clients, ApplicationEventPublisher events, PlatformTransactionManager tx) {
        return new AuditedConsents(new JdbcOAuth2AuthorizationConsentService(jdbc, clients), clients, events,
                new TransactionTemplate(tx));
    }
}
