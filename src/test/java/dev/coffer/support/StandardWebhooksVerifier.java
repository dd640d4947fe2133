package dev.coffer.support;

import dev.coffer.support.WebhookReceiver.Received;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Verifies received deliveries with the Standard Webhooks reference library itself (npm {@code standardwebhooks},
 * run through node), as a merchant's server would. The library is installed once per build under
 * {@code target/standardwebhooks} from {@code src/test/node/package.json}.
 */
public final class StandardWebhooksVerifier {

    private static final Path SOURCE = Path.of("src", "test", "node");
    private static final Path HOME = Path.of("target", "standardwebhooks");

    private StandardWebhooksVerifier() {
    }

    /** One line per delivery: {@code ok <id>} or {@code fail <id> <reason>}. */
    public static List<String> verify(String secret, List<Received> deliveries) throws Exception {
        install();
        var input = new StringBuilder();
        for (var delivery : deliveries) {
            var headers = Map.of("webhook-id", delivery.header("webhook-id"),
                    "webhook-timestamp", delivery.header("webhook-timestamp"),
                    "webhook-signature", delivery.header("webhook-signature"));
            input.append(Api.json().writeValueAsString(Map.of("secret", secret, "headers", headers,
                    "body", delivery.body()))).append('\n');
        }
        var node = new ProcessBuilder("node", "verify-standard-webhooks.js").directory(HOME.toFile())
                .redirectErrorStream(true).start();
        try (var stdin = node.getOutputStream()) {
            stdin.write(input.toString().getBytes(StandardCharsets.UTF_8));
        }
        var output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!node.waitFor(60, TimeUnit.SECONDS) || node.exitValue() != 0) {
            throw new IllegalStateException("node failed: " + output);
        }
        return new ArrayList<>(output.lines().toList());
    }

    private static synchronized void install() throws IOException, InterruptedException {
        Files.createDirectories(HOME);
        for (var file : List.of("package.json", "verify-standard-webhooks.js")) {
            Files.copy(SOURCE.resolve(file), HOME.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (Files.isDirectory(HOME.resolve("node_modules").resolve("standardwebhooks"))) {
            return;
        }
        var npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--no-package-lock")
                .directory(HOME.toFile()).redirectErrorStream(true).start();
        var output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!npm.waitFor(300, TimeUnit.SECONDS) || npm.exitValue() != 0) {
            throw new IllegalStateException("npm install of standardwebhooks failed: " + output);
        }
    }
}
