package dev.coffer.platform.web;

import dev.coffer.platform.SiteProperties;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Absolute URLs of Coffer's own pages (the hosted pay page in a checkout session's {@code url}): from
 * {@code coffer.public-url} when set (behind a proxy or load balancer), else from the current request.
 */
@Component
public class PublicUrl {

    private final String configured;
    private final int port;

    PublicUrl(SiteProperties site, Environment environment) {
        var configured = site.publicUrl().strip();
        this.configured = configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
        this.port = environment.getProperty("server.port", Integer.class, 8080);
    }

    public String of(String path) {
        if (!configured.isEmpty()) {
            return configured + path;
        }
        try {
            return ServletUriComponentsBuilder.fromCurrentContextPath().path(path).build().toUriString();
        } catch (IllegalStateException noRequest) {
            return "http://localhost:" + port + path;
        }
    }
}
