package dev.coffer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Coffer: a digital wallet and bank with merchant checkout, as one modular monolith.
 * Each top-level package below {@code dev.coffer} is a Spring Modulith module (see DESIGN.md).
 */
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
@EnableScheduling
public class CofferApplication {

    public static void main(String[] args) {
        SpringApplication.run(CofferApplication.class, args);
    }
}
