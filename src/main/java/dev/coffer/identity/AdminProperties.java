package dev.coffer.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The admin to create on start when none exists ({@code COFFER_ADMIN_EMAIL}, {@code COFFER_ADMIN_PASSWORD}). */
@ConfigurationProperties("coffer.admin")
public record AdminProperties(@DefaultValue("") String email, @DefaultValue("") String password) {
}
