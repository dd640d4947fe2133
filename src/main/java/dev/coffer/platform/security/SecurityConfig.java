package dev.coffer.platform.security;

import dev.coffer.platform.BearerAuthenticator;
import dev.coffer.platform.web.HtmlErrorPage;
import dev.coffer.platform.web.ProblemWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The filter chains (docs/architecture.md): the stateless JSON API with bearer credentials, the browser side (pages
 * with a cookie session and CSRF; for now the public operational endpoints), and between them a small public one
 * for the OpenAPI document and Swagger UI.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfig {

    /**
     * API reads a page's own script makes with the browser's session cookie: EventSource cannot send an
     * Authorization header. GET only (no state changes, so no CSRF token needed); a bearer header still wins.
     */
    static final RequestMatcher COOKIE_API_READS = PathPatternRequestMatcher.withDefaults()
            .matcher(HttpMethod.GET, "/api/v1/events/stream");

    static final String[] PUBLIC_API_POSTS = {"/api/v1/users", "/api/v1/sessions", "/api/v1/sessions/refresh"};

    /**
     * No Micrometer observation around each security filter, authentication and authorization: they built meters
     * per filter per request (~14 % of transfer throughput, JFR + bench tool), and even disabled by predicate the
     * decorator still wrapped every filter. HTTP request metrics ({@code http_server_requests}) stay on.
     */
    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, List<BearerAuthenticator> authenticators, ProblemWriter problems)
            throws Exception {
        http.securityMatcher("/api/**")
                .csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new CookieSessionFilter(authenticators, COOKIE_API_READS),
                        AnonymousAuthenticationFilter.class)
                .addFilterBefore(new BearerTokenFilter(authenticators, problems), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.POST, PUBLIC_API_POSTS).permitAll()
                        .requestMatchers("/api/v1/admin/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> {
                            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
                            problems.write(response, 401, "unauthenticated",
                                    "Authentication required: send Authorization: Bearer <token>");
                        })
                        .accessDeniedHandler((request, response, ex) -> {
                            if (OAuthCallers.isCalling()) {
                                problems.write(response, 403, "insufficient_scope",
                                        "An app's access token may not call this");
                            } else {
                                problems.write(response, 403, "forbidden", "Not allowed for this caller");
                            }
                        }))
                .headers(h -> h
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.NO_REFERRER)));
        return http.build();
    }

    /** Pages that need a logged-in user; everything else (login, register, static files, unknown paths) is open. */
    static final String[] PAGES = {"/", "/accounts", "/accounts/**", "/transfer", "/pay/**", "/settings/**", "/merchant/**", "/oauth/consent",
            "/admin/**"};

    /** The OpenAPI document and Swagger UI: public, read-only, and the one place inline styles are allowed. */
    @Bean
    @Order(2)
    SecurityFilterChain docsChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/v3/api-docs/**", "/v3/api-docs", "/swagger-ui/**", "/swagger-ui.html")
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                                + "object-src 'none'; frame-ancestors 'none'")));
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain browserChain(HttpSecurity http, List<BearerAuthenticator> authenticators,
            ProblemWriter problems) throws Exception {
        var csrfHandler = new TolerantCsrfTokenHandler();
        http.formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                // The cookie filter authenticates each request anew; without session management Spring does not
                // take that for a fresh login and rotate the CSRF token on every page.
                .sessionManagement(AbstractHttpConfigurer::disable)
                .securityContext(c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .csrf(csrf -> csrf.csrfTokenRepository(new CookieCsrfTokenRepository())
                        .csrfTokenRequestHandler(csrfHandler))
                .addFilterBefore(new CookieSessionFilter(authenticators), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/admin/**").hasRole("ADMIN")
                        .requestMatchers("/merchant/**").hasRole("MERCHANT")
                        .requestMatchers(PAGES).authenticated()
                        .anyRequest().permitAll())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> {
                            var target = request.getRequestURI()
                                    + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
                            response.sendRedirect("/login?next=" + URLEncoder.encode(target, StandardCharsets.UTF_8));
                        })
                        .accessDeniedHandler((request, response, ex) -> {
                            var detail = "Not allowed (not your page, or the form's CSRF token is missing or stale)";
                            if (HtmlErrorPage.wanted(request)) {
                                HtmlErrorPage.write(response, 403, detail + ". Reload the page and try again.", null);
                            } else {
                                problems.write(response, 403, "forbidden", detail);
                            }
                        }))
                .headers(h -> h
                        .contentSecurityPolicy(csp -> csp.policyDirectives(PAGE_CSP))
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN))
                        .frameOptions(f -> f.deny()));
        return http.build();
    }

    /** Strict: no inline script or style at all (Swagger UI has its own chain above). */
    static final String PAGE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
}
