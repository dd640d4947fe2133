package dev.coffer.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Coffer is reached from outside ({@code coffer.public-url}, e.g. {@code https://pay.example.com} behind a
 * proxy): the base of the links it hands out (checkout URLs, email links) and of the OpenID issuer. Empty: taken
 * from each request.
 */
@ConfigurationProperties("coffer")
public record SiteProperties(@DefaultValue("") String publicUrl) {
}
