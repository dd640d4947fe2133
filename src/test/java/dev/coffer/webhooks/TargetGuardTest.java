package dev.coffer.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.webhooks.delivery.TargetGuard;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSRF guard refuses every internal target, however it is written, unless private targets are allowed. */
class TargetGuardTest {

    private final TargetGuard strict = new TargetGuard(properties(false));
    private final TargetGuard relaxed = new TargetGuard(properties(true));

    @ParameterizedTest
    @ValueSource(strings = {
            "https://127.0.0.1/hook", "https://localhost/hook", "https://[::1]/hook", "https://0.0.0.0/hook",
            "https://10.1.2.3/hook", "https://172.16.0.1/hook", "https://192.168.1.1/hook",
            "https://169.254.169.254/latest/meta-data", "https://100.64.0.1/hook", "https://[fe80::1]/hook",
            "https://[fc00::1]/hook", "https://[::ffff:127.0.0.1]/hook", "https://[::ffff:10.0.0.1]/hook",
            "https://[64:ff9b::a9fe:a9fe]/hook", "https://224.0.0.1/hook", "https://255.255.255.255/hook",
            "https://2130706433/hook", "https://0x7f000001/hook"})
    void internalTargetsAreRefused(String url) {
        assertThat(strict.problem(url)).as(url).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://93.184.216.34/hook", "ftp://93.184.216.34/hook", "https://user:pw@93.184.216.34/",
            "not a url", "https:///nohost"})
    void badUrlsAreRefused(String url) {
        assertThat(strict.problem(url)).as(url).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://93.184.216.34/hook", "https://[2606:2800:220:1::1]/hook"})
    void publicHttpsTargetsAreAccepted(String url) {
        assertThat(strict.problem(url)).as(url).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/hook", "https://10.0.0.5/hook"})
    void privateTargetsPassWhenAllowed(String url) {
        assertThat(relaxed.problem(url)).as(url).isEmpty();
    }

    private static WebhookProperties properties(boolean allowPrivate) {
        return new WebhookProperties(allowPrivate, Duration.ofSeconds(10), List.of(Duration.ofMinutes(1)),
                Duration.ofDays(3), Duration.ofMillis(500), Duration.ofMinutes(1), 4, 64, Duration.ofHours(24),
                Duration.ofDays(30));
    }
}
