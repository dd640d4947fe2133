package dev.coffer.platform.db;

import java.nio.file.Path;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Kicks off the embedded PostgreSQL as soon as the configuration is known, before Spring creates any bean, so the
 * database and the application context start in parallel. Registered in {@code META-INF/spring.factories}.
 */
public class EmbeddedDatabaseStarter implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        var env = event.getEnvironment();
        // Spring AOT runs the application at build time only to record its bean definitions: no database then.
        if (usesEmbedded(env) && !Boolean.getBoolean("spring.aot.processing")) {
            EmbeddedDatabases.startAsync(dataDir(env), port(env));
        }
    }

    static boolean usesEmbedded(Environment env) {
        var url = env.getProperty("coffer.db.url", "");
        return url.isBlank();
    }

    static Path dataDir(Environment env) {
        return Path.of(env.getProperty("coffer.data-dir", "./data"));
    }

    static int port(Environment env) {
        return env.getProperty("coffer.embedded-db.port", Integer.class, 0);
    }
}
