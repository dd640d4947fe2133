package dev.coffer.webhooks.delivery;

import dev.coffer.webhooks.WebhookProperties;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * SSRF guard for webhook targets: refuses loopback, private, link-local (cloud metadata at 169.254.169.254),
 * carrier-grade NAT, multicast and reserved addresses, also when written as IPv4-mapped or NAT64 IPv6, and checks
 * every address a name resolves to. Applied when an endpoint is registered and again before each delivery, after
 * DNS resolution (the JVM caches that answer, so the HTTP client connects to the addresses we checked).
 * {@code coffer.webhooks.allow-private-targets=true} lifts the address rule (tests, local development).
 */
@Component
public class TargetGuard {

    private final boolean allowPrivate;

    public TargetGuard(WebhookProperties properties) {
        this.allowPrivate = properties.allowPrivateTargets();
    }

    /** Why this URL may not receive webhooks, or empty when it may. */
    public Optional<String> problem(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            return Optional.of("not a valid URL");
        }
        var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowPrivate && scheme.equals("http"))) {
            return Optional.of("webhook URLs must use https");
        }
        if (uri.getHost() == null || uri.getUserInfo() != null || uri.getFragment() != null) {
            return Optional.of("the URL needs a host, and no user info or fragment");
        }
        return resolve(uri.getHost()).map(addresses -> addresses.stream()
                        .filter(a -> !allowPrivate && isForbidden(a))
                        .findFirst()
                        .map(a -> "the host resolves to a private or reserved address (" + a.getHostAddress() + ")"))
                .orElse(Optional.of("the host name does not resolve"));
    }

    private static Optional<List<InetAddress>> resolve(String host) {
        try {
            return Optional.of(List.of(InetAddress.getAllByName(host)));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    static boolean isForbidden(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            var embedded = embeddedIpv4(v6.getAddress());
            if (embedded != null) {
                return isForbidden(embedded);
            }
            int first = v6.getAddress()[0] & 0xff;
            return v6.isLoopbackAddress() || v6.isAnyLocalAddress() || v6.isLinkLocalAddress()
                    || v6.isSiteLocalAddress() || v6.isMulticastAddress() || (first & 0xfe) == 0xfc;
        }
        var b = address.getAddress();
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        return address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()
                || a0 == 0 || a0 >= 240                            // "this network", reserved and broadcast
                || (a0 == 100 && a1 >= 64 && a1 <= 127)           // carrier-grade NAT
                || (a0 == 192 && a1 == 0 && (b[2] & 0xff) == 0)   // IETF protocol assignments
                || (a0 == 198 && (a1 == 18 || a1 == 19));         // benchmarking
    }

    /** The IPv4 address inside an IPv4-mapped ({@code ::ffff:a.b.c.d}), compatible or NAT64 IPv6 address. */
    private static InetAddress embeddedIpv4(byte[] v6) {
        boolean zeroPrefix = true;
        for (int i = 0; i < 10; i++) {
            zeroPrefix &= v6[i] == 0;
        }
        boolean mapped = zeroPrefix && (v6[10] & 0xff) == 0xff && (v6[11] & 0xff) == 0xff;
        boolean compatible = zeroPrefix && v6[10] == 0 && v6[11] == 0 && !(v6[12] == 0 && v6[13] == 0 && v6[14] == 0);
        boolean nat64 = (v6[0] & 0xff) == 0x00 && (v6[1] & 0xff) == 0x64 && (v6[2] & 0xff) == 0xff
                && (v6[3] & 0xff) == 0x9b;
        if (!mapped && !compatible && !nat64) {
            return null;
        }
        try {
            return Inet4Address.getByAddress(new byte[] {v6[12], v6[13], v6[14], v6[15]});
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
