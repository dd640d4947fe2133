package dev.coffer.identity.passkey;

import dev.coffer.platform.SiteProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Who the relying party is for this request: its id is the host of {@code coffer.public-url}, else the request's
 * host; the one allowed origin is {@code coffer.public-url}, else the request's own origin. The browser refuses a
 * passkey on any other site, and webauthn4j refuses an answer whose signed origin or rp id hash differ: that is the
 * phishing resistance (docs/security.md). Spring Security's operations take a fixed origin, so there is one per
 * origin (with {@code coffer.public-url} set, exactly one).
 */
@Component
class RelyingParty {

    static final String NAME = "Coffer";
    private static final int MAX_CACHED_ORIGINS = 8;

    private final String configuredOrigin;
    private final UserCredentialRepository credentials;
    private final PublicKeyCredentialUserEntityRepository userEntities;
    private final Map<String, Webauthn4JRelyingPartyOperations> operations = new ConcurrentHashMap<>();

    RelyingParty(SiteProperties site, UserCredentialRepository credentials,
            PublicKeyCredentialUserEntityRepository userEntities) {
        this.configuredOrigin = originOf(site.publicUrl().strip());
        this.credentials = credentials;
        this.userEntities = userEntities;
    }

    /** The origin and rp id that count for the current request. */
    record Party(String origin, String id) {
    }

    Party current() {
        var origin = configuredOrigin.isEmpty() ? requestOrigin() : configuredOrigin;
        return new Party(origin, URI.create(origin).getHost());
    }

    /** Spring Security's (webauthn4j's) verifier for that origin. */
    Webauthn4JRelyingPartyOperations operations(Party party) {
        var cached = operations.get(party.origin());
        if (cached != null) {
            return cached;
        }
        var made = new Webauthn4JRelyingPartyOperations(userEntities, credentials,
                org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity.builder().id(party.id())
                        .name(NAME).build(),
                Set.of(party.origin()));
        // Without coffer.public-url any Host header names an origin: keep only a few, never grow without bound.
        if (operations.size() < MAX_CACHED_ORIGINS) {
            operations.putIfAbsent(party.origin(), made);
        }
        return made;
    }

    private static String requestOrigin() {
        HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes())
                .getRequest();
        var scheme = request.getScheme().toLowerCase(Locale.ROOT);
        int port = request.getServerPort();
        boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        return scheme + "://" + request.getServerName().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    /** {@code https://pay.example.com/base} → {@code https://pay.example.com}; blank stays blank. */
    static String originOf(String url) {
        if (url.isEmpty()) {
            return "";
        }
        var uri = URI.create(url);
        var port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT) + port;
    }
}
