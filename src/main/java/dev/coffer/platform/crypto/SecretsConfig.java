package dev.coffer.platform.crypto;

import java.nio.file.Path;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The master keyring ({@code COFFER_MASTER_KEY}, else {@code <data-dir>/master.key}) and the {@link SecretBox}
 * built from it, after checking that the key opens what this database's secrets were sealed with: a wrong key stops
 * the start with a clear message instead of failing one login or webhook at a time later.
 */
@Configuration(proxyBeanMethods = false)
class SecretsConfig {

    @Bean
    MasterKeyring masterKeyring(Environment environment) {
        var dataDir = Path.of(environment.getProperty("coffer.data-dir", "./data"));
        return new MasterKeyring(environment.getProperty("coffer.master-key"), dataDir.resolve("master.key"));
    }

    @Bean
    SecretBox secretBox(MasterKeyring keyring, JdbcClient jdbc) {
        var box = new SecretBox(keyring.load());
        new KeyCheck(jdbc).verify(box, keyring.source());
        return box;
    }
}
