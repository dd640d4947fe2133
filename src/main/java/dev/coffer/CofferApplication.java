package dev.coffer;

import dev.coffer.cli.CofferCommand;
import dev.coffer.cli.bench.BenchCommand;
import java.util.Arrays;
import org.springframework.aot.AotDetector;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.util.ClassUtils;

/**
 * Coffer: a digital wallet and bank with merchant checkout, as one modular monolith.
 * Each top-level package below {@code dev.coffer} is a Spring Modulith module (docs/architecture.md).
 */
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
@EnableScheduling
public class CofferApplication {

    public static void main(String[] args) throws Exception {
        var command = CofferCommand.parse(args);
        var rest = command.isPresent() ? Arrays.copyOfRange(args, 1, args.length) : args;
        switch (command.orElse(CofferCommand.SERVE)) {
            case SERVE -> {
                useAheadOfTimeContextWhenPackaged();
                SpringApplication.run(CofferApplication.class, rest);
            }
            case VERIFY, ROTATE_KEYS -> System.exit(runOnce(command.get(), rest));
            case BENCH -> System.exit(BenchCommand.run(rest));
            case HELP -> System.out.print(CofferCommand.usage());
        }
    }

    /** Runs a one-shot command in a context without a web server; its runner decides the exit code. */
    private static int runOnce(CofferCommand command, String[] args) {
        return SpringApplication.exit(new SpringApplicationBuilder(CofferApplication.class)
                .web(WebApplicationType.NONE)
                .properties("coffer.cli.command=" + command.wireName(), "logging.level.root=WARN",
                        "spring.main.log-startup-info=false")
                .run(args));
    }

    /**
     * The jar carries the application context pre-computed by Spring AOT at build time ({@code process-aot}): no
     * configuration classes to parse, conditions to evaluate or proxies to generate at start-up. Used only when
     * running from a packaged jar, whose generated code is always from the same build (in an IDE, target/classes may
     * hold stale generated classes), and only for serving, the shape it was built for. {@code -Dspring.aot.enabled}
     * given by hand wins either way.
     */
    private static void useAheadOfTimeContextWhenPackaged() {
        if (System.getProperty(AotDetector.AOT_ENABLED) != null) {
            return;
        }
        var codeSource = CofferApplication.class.getProtectionDomain().getCodeSource();
        boolean packaged = codeSource != null && codeSource.getLocation().toString().contains(".jar");
        var initializer = CofferApplication.class.getName() + "__ApplicationContextInitializer";
        if (packaged && ClassUtils.isPresent(initializer, CofferApplication.class.getClassLoader())) {
            System.setProperty(AotDetector.AOT_ENABLED, "true");
        }
    }
}
