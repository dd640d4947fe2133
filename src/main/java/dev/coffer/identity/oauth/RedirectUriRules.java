package dev.coffer.identity.oauth;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which redirect URIs a client may register (they are then matched exactly, before any login): absolute, no
 * fragment, {@code https}, or {@code http} on this machine ({@code localhost}, a loopback address) for development
 * and native apps (RFC 8252). An IP address literal in a private, link-local, shared or unspecified range is refused:
 * a code or token must never be delivered to a host inside someone's network. Names are not resolved (DNS can lie
 * later); a name is judged by its spelling only.
 */
final class RedirectUriRules {

    private RedirectUriRules() {
    }

    /** Why {@code uri} may not be a redirect URI, or empty when it may. */
    static Optional<String> problem(String uri) {
        final URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            return Optional.of("is not a URI");
        }
        if (!parsed.isAbsolute() || parsed.getHost() == null || parsed.getRawFragment() != null
                || parsed.getRawUserInfo() != null) {
            return Optional.of("must be an absolute URL with a host and no fragment or user info");
        }
        var scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
        var host = parsed.getHost().toLowerCase(Locale.ROOT);
        var literal = literal(host);
        boolean local = host.equals("localhost") || literal.map(InetAddress::isLoopbackAddress).orElse(false);
        if (!scheme.equals("https") && !(scheme.equals("http") && local)) {
            return Optional.of("must use https (http only on localhost)");
        }
        if (literal.isPresent() && !local && isInternal(literal.get())) {
            return Optional.of("must not point at a private, link-local or unspecified address");
        }
        return Optional.empty();
    }

    private static Optional<InetAddress> literal(String host) {
        var bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!bare.contains(":") && !bare.matches("[0-9.]+")) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.ofLiteral(bare));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean isInternal(InetAddress address) {
        var bytes = address.getAddress();
        boolean uniqueLocalV6 = bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;           // fc00::/7
        boolean sharedV4 = bytes.length == 4 && (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64; // 100.64/10
        return address.isSiteLocalAddress() || address.isLinkLocalAddress() || address.isAnyLocalAddress()
                || address.isMulticastAddress() || uniqueLocalV6 || sharedV4;
    }
}
