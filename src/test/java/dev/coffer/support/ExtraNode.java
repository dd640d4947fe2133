package dev.coffer.support;

import dev.coffer.CofferApplication;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Another Coffer node in this JVM on the test database (as {@code TwoNodesTest} starts one), with the real clock or,
 * with {@code coffer.test-clock=true}, the stored test clock: what a black-box client of a cluster sees.
 */
public final class ExtraNode implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private ExtraNode(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static ExtraNode start(String name, String... properties) {
        TestDataDir.configure();
        var all = new ArrayList<>(List.of(
                "server.port=0",
                "spring.datasource.hikari.maximum-pool-size=6",
                "spring.datasource.hikari.pool-name=coffer-" + name,
                "coffer.webhooks.allow-private-targets=true",
                "coffer.webhooks.retry-delays=PT0.3S,PT0.6S",
                "coffer.webhooks.timeout=PT1S",
                "coffer.webhooks.poll-interval=PT0.1S"));
        all.addAll(List.of(properties));
        // As arguments, not default properties: those lose to application.properties (server.port=8080).
        return new ExtraNode(new SpringApplicationBuilder(CofferApplication.class)
                .run(all.stream().map(property -> "--" + property).toArray(String[]::new)));
    }

    public Api api() {
        return new Api(port());
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
